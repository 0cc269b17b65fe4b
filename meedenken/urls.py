"""URLs: public pages in Dutch at the root and in English under /en/; staff under /beheer/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from meedenken.consultations import views as consultation_views
from meedenken.core import views as core_views
from meedenken.core.csp import csp_report
from meedenken.staffhome.views import home as staff_home
from meedenken.voting import legacy as voting_legacy

admin.site.site_header = "Meedenken: beheer"
admin.site.site_title = "Meedenken"
admin.site.index_title = "Consultaties beheren"
admin.site.login_template = "identity/admin_login.html"  # adds the OIDC button when configured

urlpatterns: list[URLPattern | URLResolver] = [
    path(".well-known/security.txt", core_views.security_txt, name="security-txt"),
    path("csp-rapport/", csp_report, name="csp-report"),  # issue 12
    path("", include("meedenken.operations.urls")),
    path("", include("meedenken.identity.urls")),
    path("", include("meedenken.api.urls")),  # /api/v1/ (issue 16)
]
# Staff pages under /beheer/<dutch path>/ (English under /en/beheer/...), before the admin's
# catch-all. They use the staff layout, core/templates/staff/base.html.
urlpatterns += i18n_patterns(
    path("beheer/", staff_home, name="staff-home"),  # instead of the bare admin index
    path("beheer/consultaties/", include("meedenken.workspace.urls")),
    path("", include("meedenken.invitations.urls")),
    path("", include("meedenken.notifications.urls")),  # the unsubscribe page (issue 13)
    path("beheer/consultaties/", include("meedenken.statistics.urls")),
    path("", include("meedenken.papers.urls")),
    path("", include("meedenken.publication.urls")),
    path("", include("meedenken.report.urls")),  # /consultaties/<slug>/verslag/ and its staff pages
    path("", include("meedenken.accountability.urls")),
    path("beheer/consultaties/", include("meedenken.exchange.urls")),
    prefix_default_language=False,
)
urlpatterns += [
    path("beheer/", include("meedenken.accounts.urls")),
    path("beheer/deliberation/<path:rest>", voting_legacy.old_admin_address),
    path("beheer/", admin.site.urls),
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:path>",
        consultation_views.document_file,
        name="document-file",
    ),
]
urlpatterns += i18n_patterns(
    path("", include("meedenken.core.urls")),
    path("", include("meedenken.consultations.urls")),
    path("", include("meedenken.responses.urls")),
    path("", include("meedenken.voting.urls")),
    path("", include("meedenken.statements.urls")),
    path("", include("meedenken.reference.urls")),
    prefix_default_language=False,
)

handler403 = "meedenken.audit.views.permission_denied"
handler404 = "meedenken.core.views.page_not_found"
handler500 = "meedenken.core.views.server_error"
