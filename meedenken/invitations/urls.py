"""Staff pages under /beheer/consultaties/<slug>/uitnodigingen/; the invitee's personal link and
unsubscribe page are public. Mounted before the admin's catch-all (see meedenken/urls.py)."""

from django.urls import path

from meedenken.invitations import views

app_name = "invitations"

staff = "beheer/consultaties/<slug:slug>/uitnodigingen/"

urlpatterns = [
    path(staff, views.home, name="home"),
    path(f"{staff}inlezen/", views.import_list, name="import"),
    path(f"{staff}toevoegen/", views.add_contact, name="add"),
    path(f"{staff}versturen/", views.send, name="send"),
    path("consultaties/<slug:slug>/uitnodiging/<str:token>/", views.accept, name="accept"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
