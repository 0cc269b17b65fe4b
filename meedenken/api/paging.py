"""Page-number pagination: `?page=2&pageSize=50`, with totals and links to the next and
previous page. Works over a queryset (one COUNT and one slice) or a list already read."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

T = TypeVar("T")
MAX_PAGE_SIZE = 100


class PageQuery(Schema):
    page: int = Field(1, ge=1, description="Het paginanummer, vanaf 1")
    pageSize: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Aantal items per pagina")


def _link(request: HttpRequest, page: int, size: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    query["pageSize"] = str(size)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest, items: QuerySet[Any] | Sequence[T], paging: PageQuery
) -> tuple[list[Any], dict[str, Any]]:
    """The items of the requested page, and the `pagination` and `links` members."""
    total = items.count() if isinstance(items, QuerySet) else len(items)
    size = paging.pageSize
    pages = max(1, math.ceil(total / size))
    start = (paging.page - 1) * size
    chosen = list(items[start : start + size])
    meta = {
        "pagination": {
            "page": paging.page,
            "pageSize": size,
            "totalItems": total,
            "totalPages": pages,
        },
        "links": {
            "self": _link(request, paging.page, size),
            "next": _link(request, paging.page + 1, size) if paging.page < pages else None,
            "prev": _link(request, paging.page - 1, size) if 1 < paging.page <= pages else None,
        },
    }
    return chosen, meta
