"""``manage.py nginx_config``: the nginx configuration in front of the baked site."""

import os
import re
import secrets
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from columns.management.commands.nginx_config import BROTLI_MODULE, render
from columns.management.commands.serve_site import nginx_command
from columns.pagecache import BROWSER_MAX_AGE
from tests.nginx import nginx_or_skip
from tests.servers import ROOT

# deploy/nginx.conf is this command's output, with these arguments, under
# production settings (DEBUG=0: HSTS, hashed static names).
DEPLOY_ARGUMENTS = [
    *("--listen", "80", "--upstream", "127.0.0.1:8000"),
    *("--server-name", "advice.example.org"),
    *("--root", "/srv/advice/var/site", "--static", "/srv/advice/var/static"),
    *("--media", "/srv/advice/var/media", "--prefix", "/srv/advice/var/nginx"),
    *("--pid", "/run/nginx.pid", "--log-dir", "/var/log/nginx"),
    *("--brotli", "on", "--user", "www-data"),
]
DEPLOY_ENVIRONMENT = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "advice.example.org",
    "SITE_URL": "https://advice.example.org",
}
# Variables that would put a reader's address, the time of a request, a query
# string or what identifies a browser into a log line.
FORBIDDEN_LOG_VARIABLES = [
    "$remote_addr",
    "$http_x_forwarded_for",
    "$proxy_add_x_forwarded_for",
    "$time_local",
    "$time_iso8601",
    "$msec",
    "$args",
    "$arg_",
    "$request ",
    "$request_uri",
    "$query_string",
    "$is_args",
    "$http_user_agent",
    "$http_referer",
    "$realip_remote_addr",
    "$binary_remote_addr",
]


def locations(config: str) -> dict[str, str]:
    """Each location's match (``^~ /ask/``, ``@app``) and its body."""
    return {
        match["name"].strip(): match["body"]
        for match in re.finditer(
            r"^\s*location\s+(?P<name>[^{\n]+)\{(?P<body>.*?)^\s*\}",
            config,
            re.MULTILINE | re.DOTALL,
        )
    }


def headers_of(body: str) -> dict[str, str]:
    return dict(re.findall(r'add_header ([\w-]+) "([^"]*)"', body))


def directives(policy: str) -> dict[str, str]:
    """A Content-Security-Policy as its directives (their order does not matter)."""
    parts = [part.strip().split(None, 1) for part in policy.split(";") if part.strip()]
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


@pytest.fixture
def config(tmp_path) -> str:
    return render(root=tmp_path / "site", prefix=tmp_path / "nginx")


@pytest.mark.parametrize(
    "location",
    [
        "= /healthz",
        "^~ /search/",
        "^~ /ask/",
        "^~ /desk/",
        "^~ /admin/",
        "~ ^/columns/[^/]+/ask/",
        "@app",
        "/",
    ],
)
def test_the_dynamic_paths_always_go_to_the_app(config, location):
    body = locations(config)[location]
    assert "proxy_pass http://advice_app;" in body
    assert "try_files" not in body and "root" not in body


def test_only_urls_ending_in_a_slash_and_the_named_files_are_looked_up_on_disk(
    config,
):
    found = {
        name: body for name, body in locations(config).items() if "try_files" in body
    }
    assert set(found) == {
        "~ /$",
        r"~ ^/(robots\.txt|sitemap(-[^/]+)?\.xml|(columns/[^/]+/[^/]+/)?card\.png)$",
    }
    assert (
        "try_files ${uri}index.html ${uri}index.rss ${uri}index.atom @app;"
        in found["~ /$"]
    )


def test_the_dynamic_regex_location_comes_before_the_pages(config):
    # nginx takes the first regular expression that matches.
    assert config.index("location ~ ^/columns/[^/]+/ask/") < config.index(
        "location ~ /$"
    )


def test_the_error_pages_are_internal(config):
    found = locations(config)
    for name in ("^~ /_errors/", "= /_errors/503.html"):
        assert "internal;" in found[name]


def test_the_app_being_down_answers_the_back_soon_page(config):
    assert "error_page 502 503 504 =503 /_errors/503.html;" in config
    assert "proxy_intercept_errors" not in config  # the app's own 404 and 410 pass


def test_no_log_holds_a_readers_address_a_time_or_a_query_string(config):
    (log_format,) = re.findall(r"^\s*log_format .*$", config, re.MULTILINE)
    variables = set(re.findall(r"\$\w+", log_format))
    assert variables == {
        "$request_method",
        "$asked_uri",
        "$status",
        "$body_bytes_sent",
        "$request_time",
    }
    # $asked_uri is the path as nginx read it ($uri: no query string).
    assert re.findall(r"set \$asked_uri (\S+);", config) == ["$uri"]
    for variable in FORBIDDEN_LOG_VARIABLES:
        assert variable not in log_format, variable
    # nginx writes the client's address and the request line into its errors about
    # a request (level error and below).
    assert re.findall(r"^error_log .*$", config, re.MULTILINE) == [
        re.search(r"^error_log \S+ crit;$", config, re.MULTILINE)[0]
    ]


def test_the_access_log_leaves_out_the_readers_urls(config):
    assert '"~/ask(/|$)" 0;' in config
    assert re.search(r"access_log .* if=\$loggable;", config)


def test_the_app_gets_the_client_address_nginx_saw_and_nothing_made_up(config):
    # Replaced, not appended to: the rate limits hash the address nginx saw.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in config
    assert 'proxy_set_header X-Real-IP "";' in config
    assert "proxy_set_header Host $host;" in config
    assert "proxy_set_header X-Forwarded-Proto $forwarded_proto;" in config


def test_baked_pages_may_be_kept_as_long_as_the_apps_pages(config):
    pages = headers_of(locations(config)["~ /$"])
    assert pages["Cache-Control"] == f"public, max-age={BROWSER_MAX_AGE}"
    assert "etag on;" in config and "gzip_static on;" in config


def test_feeds_and_sitemaps_get_their_types_and_charset(config):
    for line in [
        "application/rss+xml rss;",
        "application/atom+xml atom;",
        "application/xml xml;",
        "text/html html;",
        "text/plain txt;",
    ]:
        assert line in config
    (charset_types,) = re.findall(r"charset_types (.*);", config)
    assert {"text/plain", "application/xml", "application/rss+xml"} <= set(
        charset_types.split()
    )
    assert "application/atom+xml" in charset_types.split()


@pytest.mark.django_db
def test_nginx_sends_the_security_headers_the_app_sends_on_a_public_page(
    client, settings, tmp_path
):
    settings.SECURE_HSTS_SECONDS = 3600
    app = client.get("/", secure=True).headers
    config = render(root=tmp_path, prefix=tmp_path)
    for location in ("~ /$", "^~ /_errors/"):
        sent = headers_of(locations(config)[location])
        assert directives(sent["Content-Security-Policy"]) == directives(
            app["Content-Security-Policy"]
        )
        for name in [
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Cross-Origin-Opener-Policy",
            "Strict-Transport-Security",
        ]:
            assert sent[name] == app[name], name


def test_the_policy_keeps_the_settings_order_whatever_the_process(tmp_path):
    # django-csp orders the directives by a set: by hash, which differs per run.
    script = (
        "from columns.management.commands.nginx_config import "
        "content_security_policy as p; print(p())"
    )
    policies = {
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
            cwd=ROOT,
            env={**env_without_secrets(), "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(policies) == 1
    assert policies.pop().startswith("default-src 'self'; script-src 'self'")


def test_error_pages_carry_the_headers_on_their_error_status(config):
    body = locations(config)["= /_errors/503.html"]
    assert 'add_header Cache-Control "no-store" always;' in body
    assert "add_header Retry-After 60 always;" in body


def test_a_query_string_is_never_answered_from_a_file(config, tmp_path):
    assert re.search(
        r'map \$args \$baked_root \{\s+"" "[^"]+/site";\s+default "[^"]+/no-files";',
        config,
    )
    assert "root $baked_root;" in locations(config)["~ /$"]


def test_each_upstream_is_a_server_of_the_app(tmp_path):
    config = render(
        upstreams=["10.0.0.1:8000", "10.0.0.2:8000"], root=tmp_path, prefix=tmp_path
    )
    assert "server 10.0.0.1:8000;\n        server 10.0.0.2:8000;" in config


def test_brotli_is_loaded_and_used_only_when_asked(tmp_path):
    on = render(brotli="on", root=tmp_path, prefix=tmp_path)
    off = render(brotli="off", root=tmp_path, prefix=tmp_path)
    assert on.startswith("#") and "\nload_module " in on
    assert "brotli_static on;" in on
    assert "brotli_static" not in off and "load_module" not in off


def test_static_files_with_hashed_names_are_kept_for_a_year(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }
    static = headers_of(
        locations(render(root=tmp_path, prefix=tmp_path))["^~ /static/"]
    )
    assert static["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_path_nginx_could_not_quote_is_refused(tmp_path):
    with pytest.raises(CommandError):
        render(root=tmp_path / "$site", prefix=tmp_path)
    with pytest.raises(CommandError):
        render(listen="80; include /etc/passwd", root=tmp_path, prefix=tmp_path)


def test_the_command_writes_the_file(tmp_path):
    output = tmp_path / "nginx.conf"
    call_command("nginx_config", "--root", str(tmp_path), "--output", str(output))
    assert output.read_text().startswith("# nginx in front of the advice desk")
    printed = StringIO()
    call_command("nginx_config", "--root", str(tmp_path), stdout=printed)
    assert printed.getvalue() == output.read_text()


def env_without_secrets() -> dict[str, str]:
    """A clean environment: only what a shell needs, none of the machine's
    settings."""
    return {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}


def test_the_shipped_deploy_config_is_the_commands_output():
    environment = {
        **env_without_secrets(),
        **DEPLOY_ENVIRONMENT,
        "SECRET_KEY": secrets.token_urlsafe(64),
    }
    written = subprocess.run(
        [sys.executable, "manage.py", "nginx_config", *DEPLOY_ARGUMENTS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    command = " ".join(
        [*(f"{k}={v}" for k, v in DEPLOY_ENVIRONMENT.items()), "SECRET_KEY=..."]
        + [".venv/bin/python manage.py nginx_config", *DEPLOY_ARGUMENTS]
        + ["--output deploy/nginx.conf"]
    )
    shipped = (ROOT / "deploy" / "nginx.conf").read_text()
    assert shipped == written, f"deploy/nginx.conf is out of date; run: {command}"
    assert "Strict-Transport-Security" in shipped


@pytest.mark.parametrize("brotli", ["on", "off"])
def test_nginx_accepts_the_configuration(tmp_path, brotli):
    binary = nginx_or_skip()
    if brotli == "on" and not BROTLI_MODULE.exists():
        pytest.skip("Debian's libnginx-mod-http-brotli-static is not installed")
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    config = prefix / "nginx.conf"
    config.write_text(
        render(
            root=tmp_path / "site",
            prefix=prefix,
            brotli=brotli,
            upstreams=["127.0.0.1:1", "127.0.0.1:2"],
        )
    )
    result = subprocess.run(
        [str(part) for part in nginx_command(binary, prefix, config, "-t")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr and "[emerg]" not in result.stderr


def test_the_shipped_deploy_config_is_valid_for_nginx(tmp_path):
    binary = nginx_or_skip()
    shipped = (ROOT / "deploy" / "nginx.conf").read_text()
    if "load_module" in shipped and not BROTLI_MODULE.exists():
        pytest.skip("Debian's libnginx-mod-http-brotli-static is not installed")
    # The production paths moved under a temporary prefix, and no user switch.
    config = tmp_path / "nginx.conf"
    local = shipped.replace("user www-data;\n", "")
    for path in ("/srv/advice/var/nginx", "/var/log/nginx", "/run", "/srv/advice"):
        local = local.replace(f'"{path}', f'"{tmp_path}{path}')
    (tmp_path / "srv/advice/var/nginx").mkdir(parents=True)
    (tmp_path / "var/log/nginx").mkdir(parents=True)
    (tmp_path / "run").mkdir()
    config.write_text(local.replace("listen 80;", "listen 127.0.0.1:1;"))
    result = subprocess.run(
        [str(part) for part in nginx_command(binary, tmp_path, config, "-t")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
