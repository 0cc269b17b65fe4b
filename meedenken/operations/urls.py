from django.urls import path

from meedenken.operations import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("gezondheid", views.healthz, name="gezondheid"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", views.metrics_view, name="metrics"),
]
