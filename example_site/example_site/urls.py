from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

try:  # Wagtail 8's REST API v3 (write and publish, token auth); Wagtail 7 has none.
    from wagtail.api.v3.urls import api as api_v3
except ImportError:
    pass
else:
    urlpatterns.insert(0, path("api/v3/", api_v3.urls))

urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
