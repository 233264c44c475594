from django.contrib import admin
from django.urls import include, path

from planserv.api.main import api

admin.site.site_header = "planserv operator admin"
admin.site.site_title = "planserv admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("planserv.portal.urls")),
]
