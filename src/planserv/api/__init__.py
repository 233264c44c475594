from planserv.api import strict_query

strict_query.install()
