from django.urls import path

from meedenken.core import views

app_name = "core"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
]
