"""Staff workspace: mounted at /beheer/consultaties/ (before the admin, see meedenken/urls.py)."""

from django.urls import path

from meedenken.workspace import analysis, answers, codebook_views, privacy, views

app_name = "workspace"

Q = "<slug:slug>/antwoorden/<int:question_id>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.consultation_home, name="consultation"),
    path("<slug:slug>/codeboek/", views.codebook, name="codebook"),
    path("<slug:slug>/codeboek/inlezen/", views.codebook_import, name="codebook-import"),
    path("<slug:slug>/antwoorden/", answers.questions, name="questions"),
    path(Q, answers.browser, name="browser"),
    path(f"{Q}volgende/", answers.code_next, name="code-next"),
    path(f"{Q}voorstel/", answers.proposal, name="proposal"),
    path(f"{Q}bulk/", answers.bulk_code, name="bulk"),
    path(f"{Q}<int:answer_id>/", answers.answer_detail, name="answer"),
    path(f"{Q}<int:answer_id>/coderen/", answers.code_answer, name="code"),
]

urlpatterns += [
    path("<slug:slug>/analyse/", analysis.analysis, name="analysis"),
    path("<slug:slug>/analyse/starten/", analysis.request_run, name="analysis-run"),
    path(
        "<slug:slug>/analyse/thema/<int:theme_id>/code/", analysis.theme_to_code, name="theme-code"
    ),
    path(
        "<slug:slug>/analyse/campagne/<int:campaign_id>/", analysis.campaign_action, name="campaign"
    ),
]

urlpatterns += [
    path(f"{Q}<int:answer_id>/persoonsgegevens/", privacy.review_span, name="span"),
    path(f"{Q}<int:answer_id>/persoonsgegevens/toevoegen/", privacy.add_span, name="span-add"),
    path(
        f"{Q}<int:answer_id>/persoonsgegevens/beoordeeld/",
        privacy.mark_reviewed,
        name="privacy-reviewed",
    ),
]

urlpatterns += [
    path("<slug:slug>/codeboek/code/", codebook_views.add_code, name="code-add"),
    path(
        "<slug:slug>/codeboek/code/<int:code_id>/", codebook_views.change_code, name="code-change"
    ),
    path("<slug:slug>/codeboek/samenvoegen/", codebook_views.merge_codes, name="code-merge"),
    path("<slug:slug>/codeboek/splitsen/", codebook_views.split_code, name="code-split"),
]

urlpatterns += [path(f"{Q}dubbel/", answers.double_coding, name="double-coding")]
