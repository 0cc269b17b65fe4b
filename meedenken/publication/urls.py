from django.urls import path

from meedenken.publication import views

app_name = "publication"

urlpatterns = [
    path("consultaties/<slug:slug>/reacties/", views.public_responses, name="responses"),
    path("beheer/consultaties/<slug:slug>/reacties-publiceren/", views.manage, name="manage"),
]
