from django.urls import URLPattern, URLResolver, path

from planserv.portal.customer import directory, vouchers

urlpatterns: list[URLPattern | URLResolver] = [
    path("directory/", directory.directory, name="customer_directory"),
    path("vouchers/", vouchers.voucher_list, name="customer_vouchers"),
    path("vouchers/new/", vouchers.voucher_create, name="customer_voucher_create"),
    path("vouchers/<str:voucher_id>/", vouchers.voucher_detail, name="customer_voucher_detail"),
    path(
        "vouchers/<str:voucher_id>/cancel/",
        vouchers.voucher_cancel_view,
        name="customer_voucher_cancel",
    ),
]
