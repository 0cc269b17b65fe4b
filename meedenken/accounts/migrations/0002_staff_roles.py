"""The staff roles (owner, analyst, moderator, viewer) exist right after `migrate`.

Permissions are normally made after the last migration; they are made here first, so the role
groups get them on a fresh database. `AccountsConfig` keeps the groups in step after every later
migrate, when new apps add permissions."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations


def create_roles(apps, schema_editor):
    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=schema_editor.connection.alias)
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias)
    from meedenken.accounts.services import do_ensure_staff_roles

    do_ensure_staff_roles()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
