"""Public: the unsubscribe page that every invitation, reminder and notice links to."""

from django.urls import path

from meedenken.notifications import views

app_name = "notifications"

urlpatterns = [
    path("e-mail/afmelden/<str:token>/", views.opt_out, name="opt-out"),
]
