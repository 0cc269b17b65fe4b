from django.urls import path

from meedenken.accounts import views

app_name = "accounts"

urlpatterns = [
    path("tweede-factor/", views.second_factor, name="second-factor"),
    path("tweede-factor/instellen/", views.enrol, name="enrol"),
]
