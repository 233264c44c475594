from django.contrib import admin
from django.urls import include, path

from planserv.api.main import api
from planserv.observability import views as observability

admin.site.site_header = "planserv operator admin"
admin.site.site_title = "planserv admin"

urlpatterns = [
    path("health", observability.health, name="health"),
    path("ready", observability.ready, name="ready"),
    path("metrics", observability.metrics_view, name="metrics"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("planserv.portal.urls")),
]
