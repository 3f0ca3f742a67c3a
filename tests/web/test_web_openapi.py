"""The OpenAPI document: valid OpenAPI 3.1 (openapi-spec-validator), every path of the app in it, and real
requests and responses of every endpoint valid against it (openapi-core), errors included."""

import json
from urllib.parse import quote

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.exceptions import OpenAPIError
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_spec_validator import validate
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

IRAN, SYRIA = quote("ایران"), quote("سوریه")
CALLS = [
    f"/api/search?q={IRAN}&per_page=3", f"/api/search?q={IRAN}&year=1387&country=IR&sort=newest&facets=none",
    "/api/search?page=0", "/api/articles/demo-001", "/api/articles/none-such", "/api/facets/person",
    "/api/facets/year_gregorian", "/api/facets/source",
    f"/api/facets/country?prefix={quote('سو')}", "/api/facets/planet", "/api/status",
    f"/api/timeline?q={IRAN}", f"/api/timeline?q={IRAN}&q={SYRIA}&interval=year&normalize=1",
    f"/api/timeline?q={IRAN}&interval=week&calendar=gregorian&from=2008-01-01&to=2009-12-31",
    f"/api/timeline?q={IRAN}&interval=day", "/api/timeline?q=a&q=b&q=c&q=d&q=e", f"/api/timeline?q={IRAN}&interval=x",
    f"/api/comentions?q={IRAN}", f"/api/comentions?q={IRAN}&limit=3&min_count=1", "/api/comentions?limit=99",
    f"/api/export?q={IRAN}&format=jsonl", f"/api/export?q={IRAN}&format=csv&limit=5", "/api/export?format=xml",
    f"/api/entity/person/{quote('علی لاریجانی')}", "/api/entity/country/SY", "/api/entity/country/ZZ",
    "/api/openapi.json",
]


@pytest.fixture(scope="module")
def document(app):
    return app.test_client().get("/api/openapi.json").get_json()


def _json_lines(data: bytes) -> list:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def openapi(document):
    # The export's two formats, read as the document describes them: CSV text, and JSON Lines as the list of its rows.
    media = {"text/csv": lambda data, **_: data.decode("utf-8"), "application/x-ndjson": lambda data, **_: _json_lines(data)}
    return OpenAPI.from_dict(document, config=Config(extra_media_type_deserializers=media))


def test_the_document_is_valid_openapi_3_1(document):
    validate(document)
    assert document["openapi"].startswith("3.1")


def test_every_api_route_of_the_app_is_documented(app, document):
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")}
    documented = {path.replace("{", "<").replace("}", ">") for path in document["paths"]}
    documented |= {p.replace("<id>", "<path:article_id>").replace("<key>", "<path:key>") for p in documented}
    assert routes - {"/api/docs"} <= documented, routes - documented


# Requests the document itself declares invalid (out of range, not in an enum): the app refuses them with a 400.
REFUSED = {"/api/search?page=0", f"/api/timeline?q={IRAN}&interval=x", "/api/comentions?limit=99",
           "/api/export?format=xml", "/api/timeline?q=a&q=b&q=c&q=d&q=e"}


def _request(url):
    path, _, query = url.partition("?")
    return WerkzeugOpenAPIRequest(Request(EnvironBuilder(path=path, query_string=query,
                                                         base_url="http://localhost/").get_environ()))


@pytest.mark.parametrize("url", CALLS)
def test_real_responses_match_the_document(client, openapi, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404), response.get_data(as_text=True)[:300]
    if url in REFUSED - {"/api/timeline?q=a&q=b&q=c&q=d&q=e"}:
        assert response.status_code == 400
        with pytest.raises(OpenAPIError):
            openapi.validate_request(_request(url))
    else:
        openapi.validate_request(_request(url))
    openapi.validate_response(_request(url), WerkzeugOpenAPIResponse(response))


def test_an_undocumented_field_or_a_wrong_type_fails_validation(client, openapi):
    # The check can fail: a response the document does not allow is refused.
    response = client.get(f"/api/comentions?q={IRAN}")
    broken = response.get_json()
    broken["person"]["significant"] = [{"value": 1}]
    response.set_data(json.dumps(broken))
    with pytest.raises(OpenAPIError):
        openapi.validate_response(_request(f"/api/comentions?q={IRAN}"), WerkzeugOpenAPIResponse(response))
    url = f"/api/export?q={IRAN}&format=jsonl"
    export = client.get(url)
    rows = _json_lines(export.get_data())
    openapi.validate_response(_request(url), WerkzeugOpenAPIResponse(export))
    rows[-1]["extra"] = "not in ExportRow"
    export.set_data("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    with pytest.raises(OpenAPIError):
        openapi.validate_response(_request(url), WerkzeugOpenAPIResponse(export))


def test_the_docs_page_lists_every_endpoint(client, document):
    html = client.get("/api/docs").get_data(as_text=True)
    for path in document["paths"]:
        assert f"GET {path}" in html
    assert "cdn" not in html.lower() and "<script src=\"http" not in html
