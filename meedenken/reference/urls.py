from django.urls import path

from meedenken.reference import views

app_name = "reference"

urlpatterns = [
    path("vergelijking/", views.fact_list, name="list"),
    path("vergelijking/vergelijk/", views.compare, name="compare"),
    path("vergelijking/<slug:key>/", views.fact_detail, name="detail"),
]
