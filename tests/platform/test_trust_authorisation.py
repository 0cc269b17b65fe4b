"""The authorisation matrix (issue 12): every staff page and action against every role, a staff
member without a role, the owner of another consultation, a participant holding a secret link,
and an anonymous visitor.

The tables below are the specification: who may open what. A staff URL that is in no table
fails the test, so a new page cannot be added without saying who may use it. Found by this
matrix and fixed: unpublished results (and their progress) open to a moderator and to staff
without a role, and the Pol.is export of every participant's votes open to moderators and
viewers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from meedenken.accounts.roles import StaffRole, role_permission_names
from meedenken.accounts.services import do_create_staff_user, do_grant_consultation_role
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from tests.platform.conftest import start_response
from tests.platform.factories import make_consultation
from tests.platform.report_helpers import build, generate

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-123"

OWNER, ANALYST, MODERATOR, VIEWER = "owner", "analyst", "moderator", "viewer"
ROLES = (OWNER, ANALYST, MODERATOR, VIEWER)
ANY_STAFF = frozenset({*ROLES, "no-role", "owner-elsewhere"})
# Actors that hold nothing on the consultation under test.
OUTSIDERS = ("anonymous", "participant", "no-role", "owner-elsewhere")

# Staff pages (GET): who may open them, by role held for this consultation. "ok" is what an
# allowed actor gets: 200, or 302 where the page sends on (to the next answer, to a download).
# 404 where the object does not exist for anyone (an allowed actor still passes the checks).
PAGES: dict[str, tuple[frozenset[str], int]] = {
    "beheer/": (ANY_STAFF, 200),
    "beheer/consultaties/": (ANY_STAFF, 200),
    "beheer/consultaties/<slug:slug>/": (frozenset({OWNER, ANALYST}), 200),
    "beheer/consultaties/<slug:slug>/codeboek/": (frozenset({OWNER, ANALYST}), 200),
    "beheer/consultaties/<slug:slug>/antwoorden/": (frozenset({OWNER, ANALYST}), 200),
    "beheer/consultaties/<slug:slug>/antwoorden/<int:question_id>/": (
        frozenset({OWNER, ANALYST}),
        200,
    ),
    "beheer/consultaties/<slug:slug>/antwoorden/<int:question_id>/volgende/": (
        frozenset({OWNER, ANALYST}),
        302,
    ),
    "beheer/consultaties/<slug:slug>/antwoorden/<int:question_id>/<int:answer_id>/": (
        frozenset({OWNER, ANALYST}),
        200,
    ),
    "beheer/consultaties/<slug:slug>/antwoorden/<int:question_id>/dubbel/": (
        frozenset({OWNER, ANALYST}),
        200,
    ),
    "beheer/consultaties/<slug:slug>/analyse/": (frozenset({OWNER, ANALYST}), 200),
    "beheer/consultaties/<slug:slug>/uitnodigingen/": (frozenset({OWNER}), 200),
    "beheer/consultaties/<slug:slug>/gesloten-vragen/": (frozenset({OWNER, ANALYST}), 200),
    "beheer/consultaties/<slug:slug>/position-papers/": (frozenset({OWNER, ANALYST}), 200),
    "beheer/consultaties/<slug:slug>/position-papers/<int:paper_id>/": (
        frozenset({OWNER, ANALYST}),
        404,
    ),
    "beheer/consultaties/<slug:slug>/reacties-publiceren/": (frozenset({OWNER}), 200),
    "beheer/consultaties/<slug:slug>/verslag/": (frozenset({OWNER, ANALYST, VIEWER}), 200),
    "beheer/consultaties/<slug:slug>/verslag/vergelijken/": (
        frozenset({OWNER, ANALYST, VIEWER}),
        302,
    ),
    "beheer/consultaties/<slug:slug>/verslag/teksten/": (frozenset({OWNER, ANALYST}), 200),
    "beheer/consultaties/<slug:slug>/verslag/<int:number>/": (
        frozenset({OWNER, ANALYST, VIEWER}),
        200,
    ),
    "beheer/consultaties/<slug:slug>/verslag/<int:number>/bron/<str:finding>/": (
        frozenset({OWNER, ANALYST, VIEWER}),
        200,
    ),
    "beheer/consultaties/<slug:slug>/verslag/<int:number>/document/<str:fmt>/<str:lang>/": (
        frozenset({OWNER, ANALYST, VIEWER}),
        404,
    ),
    "beheer/consultaties/<slug:slug>/verantwoording/": (
        frozenset({OWNER, ANALYST, VIEWER}),
        200,
    ),
    "beheer/consultaties/<slug:slug>/verantwoording/<str:kind>/<int:pk>/": (
        frozenset({OWNER}),
        200,
    ),
    "beheer/consultaties/<slug:slug>/export/": (frozenset({OWNER, ANALYST}), 200),
    "beheer/consultaties/<slug:slug>/export/<int:export_id>/": (frozenset({OWNER, ANALYST}), 302),
    "beheer/voting/participant/export-polis/<int:consultation_id>/": (
        frozenset({OWNER, ANALYST}),
        200,
    ),
    "consultaties/<slug:slug>/voorbeeld/": (frozenset(ROLES), 200),
    "consultaties/<slug:slug>/resultaten/status/": (frozenset({OWNER, ANALYST, VIEWER}), 200),
    "consultaties/<slug:slug>/stellingen/moderatie/": (frozenset({OWNER, MODERATOR}), 200),
}

# Staff actions (POST only): who may use them. A refused actor gets no success page and no
# change is written (no audit entry of kind "change").
ACTIONS: dict[str, frozenset[str]] = {
    "beheer/consultaties/<slug:slug>/codeboek/inlezen/": frozenset({OWNER, ANALYST}),
    "beheer/consultaties/<slug:slug>/antwoorden/<int:question_id>/voorstel/": frozenset(
        {OWNER, ANALYST}
    ),
    "beheer/consultaties/<slug:slug>/antwoorden/<int:question_id>/bulk/": frozenset(
        {OWNER, ANALYST}
    ),
    "beheer/consultaties/<slug:slug>/antwoorden/<int:question_id>/<int:answer_id>/coderen/": (
        frozenset({OWNER, ANALYST})
    ),
    "beheer/consultaties/<slug:slug>/analyse/starten/": frozenset({OWNER, ANALYST}),
    "beheer/consultaties/<slug:slug>/analyse/thema/<int:theme_id>/code/": frozenset(
        {OWNER, ANALYST}
    ),
    "beheer/consultaties/<slug:slug>/analyse/campagne/<int:campaign_id>/": frozenset(
        {OWNER, ANALYST}
    ),
    "beheer/consultaties/<slug:slug>/antwoorden/<int:question_id>/<int:answer_id>/persoonsgegevens/": (
        frozenset({OWNER, ANALYST})
    ),
    "beheer/consultaties/<slug:slug>/antwoorden/<int:question_id>/<int:answer_id>/persoonsgegevens/toevoegen/": (
        frozenset({OWNER, ANALYST})
    ),
    "beheer/consultaties/<slug:slug>/antwoorden/<int:question_id>/<int:answer_id>/persoonsgegevens/beoordeeld/": (
        frozenset({OWNER, ANALYST})
    ),
    "beheer/consultaties/<slug:slug>/codeboek/code/": frozenset({OWNER, ANALYST}),
    "beheer/consultaties/<slug:slug>/codeboek/code/<int:code_id>/": frozenset({OWNER, ANALYST}),
    "beheer/consultaties/<slug:slug>/codeboek/samenvoegen/": frozenset({OWNER, ANALYST}),
    "beheer/consultaties/<slug:slug>/codeboek/splitsen/": frozenset({OWNER, ANALYST}),
    "beheer/consultaties/<slug:slug>/uitnodigingen/inlezen/": frozenset({OWNER}),
    "beheer/consultaties/<slug:slug>/uitnodigingen/toevoegen/": frozenset({OWNER}),
    "beheer/consultaties/<slug:slug>/uitnodigingen/versturen/": frozenset({OWNER}),
    "beheer/consultaties/<slug:slug>/verslag/maken/": frozenset({OWNER, ANALYST}),
    "beheer/consultaties/<slug:slug>/verslag/<int:number>/publiceren/": frozenset({OWNER}),
    "beheer/consultaties/<slug:slug>/verslag/<int:number>/document/": frozenset({OWNER, ANALYST}),
    "consultaties/<slug:slug>/resultaten/analyse/": frozenset({OWNER, ANALYST}),
    "consultaties/<slug:slug>/resultaten/<int:run_id>/publiceren/": frozenset({OWNER}),
    "consultaties/<slug:slug>/stellingen/moderatie/<int:statement_id>/": frozenset(
        {OWNER, MODERATOR}
    ),
    "consultaties/<slug:slug>/stellingen/moderatie/<int:statement_id>/vertaling/": frozenset(
        {OWNER, MODERATOR}
    ),
}

# Pages of the login itself and of the admin, asked in the admin test below.
LOGIN_PAGES = {"beheer/login/", "beheer/logout/", "beheer/tweede-factor/"}
LOGIN_PAGES |= {"beheer/tweede-factor/instellen/", "beheer/deliberation/<path:rest>"}
# The admin site's own pages, for every staff member: the password change (own password), the
# translation catalogue, the app index and the autocomplete and "view on site" helpers (which
# check the model permission themselves).
ADMIN_SITE = {
    "beheer/password_change/",
    "beheer/password_change/done/",
    "beheer/jsi18n/",
    "beheer/autocomplete/",
    "beheer/r/<path:content_type_id>/<path:object_id>/",
}
ADMIN_MODEL_ROUTE = re.compile(r"^beheer/(?P<app>[a-z_]+)/(?P<model>[a-z]+)/(?P<rest>.*)$")


def routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def staff_routes() -> set[str]:
    """Every staff route of the site, in Dutch (the English ones are the same views)."""
    found = set()
    for route in routes(get_resolver().url_patterns):
        if route.startswith(("en/", "api/")):
            continue
        staff_only = any(
            part in route
            for part in ("/voorbeeld/", "/resultaten/", "/moderatie/", "/stellingen/moderatie")
        )
        if route.startswith("beheer/") or (
            staff_only and route != "consultaties/<slug:slug>/resultaten/"
        ):
            found.add(route)
    return found


class World:
    """One consultation with everything a staff page can show, and every kind of actor."""

    def __init__(self, consultation: Consultation) -> None:
        fx = build(consultation)
        self.fx = fx
        self.consultation = consultation
        version = generate(fx)
        elsewhere = make_consultation("andere-consultatie")
        self.users: dict[str, Any] = {}
        for role in StaffRole:
            user = do_create_staff_user(f"rol-{role.value}", PASSWORD, role)
            user.groups.clear()  # a role for this consultation only
            do_grant_consultation_role(None, user, consultation, role)
            self.users[role.value] = user
        no_role = do_create_staff_user("zonder-rol", PASSWORD, StaffRole.VIEWER)
        no_role.groups.clear()
        self.users["no-role"] = no_role
        owner_elsewhere = do_create_staff_user("eigenaar-elders", PASSWORD, StaffRole.VIEWER)
        owner_elsewhere.groups.clear()
        do_grant_consultation_role(None, owner_elsewhere, elsewhere, StaffRole.OWNER)
        self.users["owner-elsewhere"] = owner_elsewhere
        answer = fx.answers["REF-A"]
        self.params = {
            "<slug:slug>": consultation.slug,
            "<int:question_id>": str(answer.question_id),
            "<int:answer_id>": str(answer.pk),
            "<int:code_id>": str(fx.codes["law"].pk),
            "<int:number>": str(version.number),
            "<str:finding>": "B1",
            "<str:fmt>": "pdf",
            "<str:lang>": "nl",
            "<int:run_id>": str(consultation.analysis_runs.get(kind="opinion").pk),
            "<int:statement_id>": str(fx.statements[0].pk),
            "<int:theme_id>": str(fx.codes["law"].pk),
            "<int:campaign_id>": "1",
            "<int:paper_id>": "1",
            "<int:export_id>": "1",
            "<str:kind>": "maatregel",
            "<int:pk>": str(fx.statements[0].pk),
            "<int:consultation_id>": str(consultation.pk),
        }
        self.participant = Client()
        start_response(self.participant, consultation)  # holds a secret link of its own

    def url(self, route: str) -> str:
        url = "/" + route
        for name, value in self.params.items():
            url = url.replace(name, value)
        assert "<" not in url, url
        return url

    def client(self, actor: str) -> Client:
        if actor == "participant":
            return self.participant
        client = Client()
        if actor != "anonymous":
            client.force_login(self.users[actor])  # both factors passed
        return client


def is_refusal(response: Any) -> bool:
    location = response.get("Location", "")
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/beheer/login/" in location
    )


@pytest.fixture
def world(consultation: Consultation) -> World:
    return World(consultation)


def test_every_staff_route_is_in_the_matrix() -> None:
    listed = set(PAGES) | set(ACTIONS) | LOGIN_PAGES | ADMIN_SITE
    unlisted = {
        route
        for route in staff_routes() - listed
        if not ADMIN_MODEL_ROUTE.match(route)
        and not route.startswith("beheer/^")  # the admin's app index and catch-all
        and route != "beheer/(?P<url>.*)$"
    }
    assert not unlisted, f"say who may use these: {sorted(unlisted)}"


def test_staff_pages_open_only_for_the_roles_that_may(world: World) -> None:
    actors = [*ROLES, *OUTSIDERS]
    wrong = []
    for route, (allowed, ok) in PAGES.items():
        url = world.url(route)
        for actor in actors:
            response = world.client(actor).get(url)
            if actor in allowed:
                if response.status_code != ok:
                    wrong.append((url, actor, response.status_code, "should open"))
            elif not is_refusal(response):
                wrong.append((url, actor, response.status_code, "LEAK"))
    assert not wrong, wrong
    # Pages every staff member may open show nothing of a consultation they hold no role on.
    slug = world.consultation.slug
    for actor in ("no-role", "owner-elsewhere"):
        page = world.client(actor).get("/beheer/consultaties/").content.decode()
        assert f"/beheer/consultaties/{slug}/" not in page, actor


def test_staff_actions_refuse_the_roles_that_may_not(world: World) -> None:
    wrong = []
    for route, allowed in ACTIONS.items():
        url = world.url(route)
        assert world.client("anonymous").get(url).status_code in (302, 405), url  # POST only
        for actor in (*ROLES, *OUTSIDERS):
            if actor in allowed:
                continue
            changes = AuditEntry.objects.filter(kind="change").count()
            response = world.client(actor).post(url, {})
            if (
                response.status_code == 200
                or AuditEntry.objects.filter(kind="change").count() != changes
            ):
                wrong.append((url, actor, response.status_code))
    assert not wrong, wrong


def test_no_staff_page_opens_without_the_second_factor(world: World) -> None:
    """The owner, logged in with the password only (the session has not passed the second
    factor): every staff page refuses or sends to the second step."""
    owner = world.users[OWNER]
    client = Client()
    client.post("/beheer/login/", {"username": owner.username, "password": PASSWORD})
    assert client.session.get("_auth_user_id") == str(owner.pk)
    for route in PAGES:
        response = client.get(world.url(route))
        location = response.get("Location", "")
        assert response.status_code in (302, 403, 404), (route, response.status_code)
        if response.status_code == 302:
            assert "/beheer/tweede-factor/" in location or "/beheer/login/" in location, route


def test_admin_follows_the_role_permissions(world: World) -> None:
    """The admin's model pages for a role held for every consultation (a group) are exactly
    what ROLE_PERMISSIONS gives; with a role for one consultation only, the admin shows only
    that consultation's responses, and never another's."""
    admin_lists = sorted(
        route
        for route in staff_routes()
        if (m := ADMIN_MODEL_ROUTE.match(route)) and m["rest"] == "" and route not in ADMIN_SITE
    )
    assert "beheer/responses/response/" in admin_lists and len(admin_lists) > 20
    own_tokens = {"beheer/api/apitoken/"}  # every staff member manages their own API tokens
    # Participants (pseudonymous: type, level, flood flag) for whoever reads the statements:
    # moderators review the flagged ones.
    read_as = {"voting.participant": "statements.view_statement"}
    wrong = []
    for role in StaffRole:
        user = do_create_staff_user(f"groep-{role.value}", PASSWORD, role)
        client = Client()
        client.force_login(user)
        permissions = role_permission_names(role)
        for route in admin_lists:
            m = ADMIN_MODEL_ROUTE.match(route)
            assert m is not None
            label = f"{m['app']}.{m['model']}"
            may = route in own_tokens or (
                read_as[label] in permissions
                if label in read_as
                else any(f"{m['app']}.{a}_{m['model']}" in permissions for a in ("view", "change"))
            )
            status = client.get("/" + route).status_code
            if (status == 200) != may:
                wrong.append((route, role.value, status))
    assert not wrong, wrong
    own_reference = world.fx.answers["REF-A"].response.reference
    for actor in ("owner-elsewhere", "no-role", MODERATOR, VIEWER):
        page = world.client(actor).get("/beheer/responses/response/")
        assert own_reference not in page.content.decode(), actor
