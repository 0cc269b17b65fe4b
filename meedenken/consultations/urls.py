from django.urls import path

from meedenken.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("consultaties/<slug:slug>/", views.consultation_detail, name="detail"),
]
