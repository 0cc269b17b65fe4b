from django.urls import path

from meedenken.identity import views

app_name = "identity"

# Outside the language prefix: the address registered at the provider is one and the same.
urlpatterns = [
    path("inloggen/afmelden/", views.forget, name="forget"),
    path("inloggen/<slug:name>/", views.begin, name="begin"),
    path("inloggen/<slug:name>/terug/", views.callback, name="callback"),
]
