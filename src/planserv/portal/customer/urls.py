from django.urls import URLPattern, URLResolver, path

from planserv.portal.customer import directory

urlpatterns: list[URLPattern | URLResolver] = [
    path("directory/", directory.directory, name="customer_directory"),
]
