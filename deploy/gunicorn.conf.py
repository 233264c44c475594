"""gunicorn's configuration for planserv: `gunicorn -c deploy/gunicorn.conf.py` (the systemd unit
`planserv-web.service`) and `planserv run` both load it. Flags on the command line and
GUNICORN_CMD_ARGS override any value here (docs/operations.md, "Deploy")."""

# The WSGI application; production settings unless DJANGO_SETTINGS_MODULE names others.
wsgi_app = "planserv.config.wsgi:application"
bind = ["127.0.0.1:8000"]  # behind nginx (deploy/nginx-planserv.conf) on the same host

# Threads share a process's memory and its database connections (one per thread). Size
# PostgreSQL's max_connections for workers × threads per server (docs/operations.md).
# Measured on the 2-core reference machine (docs/operations.md, "gunicorn sizing"): one gthread
# process per core with 8 threads served 19 reserves/s at p99 2.8 s on a machine loaded ~12×
# (1 × 16 the same within noise; 2 × 4, 3 × 4, 4 × 4 and sync workers fewer and slower).
worker_class = "gthread"
workers = 2
threads = 8

# A request may take this long (CSV exports stream for a while) before its worker is replaced.
timeout = 120
# SIGTERM: stop accepting, let requests in flight finish for up to this long, then exit.
graceful_timeout = 30
keepalive = 5

# Access log lines on stdout, errors on stderr: journald (or the terminal) collects both.
accesslog = "-"
errorlog = "-"

# nginx on the same host sets X-Forwarded-Proto; only it is trusted to.
forwarded_allow_ips = "127.0.0.1"
