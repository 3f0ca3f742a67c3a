"""``bayegan serve``: the search page and JSON API under waitress, a production WSGI server."""

import os
import signal
import sys


def register(subparsers):
    parser = subparsers.add_parser("serve", help="serve the search page and JSON API over HTTP",
                                   description="Serve the search page and the JSON API for an index (waitress).")
    parser.add_argument("--index", default=os.environ.get("BAYEGAN_INDEX", "var/demo-index"),
                        help="index folder (default: $BAYEGAN_INDEX or var/demo-index)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="port (default: 5000)")
    parser.add_argument("--threads", type=int, default=8, help="worker threads (default: 8)")
    parser.add_argument("--ray", metavar="ADDRESS", help="a Ray cluster's address (or 'local' for a Ray runtime in this process): one actor per shard on its nodes (pip install '.[cluster]')")
    parser.set_defaults(func=serve)


def serve(args) -> int:
    from waitress import serve as waitress_serve

    from search.core import store
    from search.core.errors import IndexProblem
    from web import create_app, engine_for
    from web.engine import IndexUnavailable
    from web.settings import SettingsError

    try:  # a missing, foreign or damaged index: the same one line as every other command
        store.open_manifest(args.index)
    except IndexProblem as exc:
        print(f"bayegan: error: {exc}", file=sys.stderr)
        return 2
    # The analyzers' tables (seconds of hazm work) load in this process while its shard workers start and open
    # their shards: the two overlap on two cores instead of following each other before the first answer. The
    # index's authority file is read first: loading it later (the engine does) would clear the person lexicons
    # the thread is building, and entries built from the lexicons before it could survive the clearing.
    from analyzers import authority

    try:
        authority.load(store.authority_file(args.index))
    except (OSError, ValueError) as exc:
        print(f"bayegan serve: {exc}", file=sys.stderr)
        return 2
    warming = _start_warming_analyzers()
    try:
        app = create_app(app_config(args))
        engine = engine_for(app)  # a wrong path fails here, not on the first visitor's request
    except (SettingsError, IndexUnavailable, IndexProblem) as exc:
        print(f"bayegan serve: {exc}", file=sys.stderr)  # one line: the problem and what to do
        return 2
    warming.join()
    try:  # one search now loads what is left (the query's lexicons), so the first visitor does not wait for it
        engine.search("ایران", per_page=1)
    except Exception as exc:  # the server still starts; the failing request is logged again when it recurs
        print(f"bayegan serve: warning: the warm-up search failed: {exc!r}", file=sys.stderr)
    print(f"Bayegan: serving {args.index} on http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
    # Ctrl-C and a plain `kill` are the normal ways to stop a server: exit quietly with 0 on both.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    config = app.config
    _raise_open_files_limit(config["CONNECTION_LIMIT"] + 64)
    # A thread rendering a heavy page holds the GIL for up to the switch interval (5 ms by default) each time a
    # cheap request's thread wants it, and a cheap request wants it several times (read, route, answer, write):
    # a shorter interval keeps cheap requests quick beside heavy ones (bench/load.sh hostile).
    sys.setswitchinterval(config["SWITCH_INTERVAL"])
    try:
        # Idle and slow clients: waitress refuses new connections past connection_limit (default 100, so 100
        # sockets that send half a header deny service) and keeps an idle one for channel_timeout (default
        # 120 s). poll() instead of select() lifts the 1,024-descriptor ceiling. Measured in bench/load.sh.
        waitress_serve(app, host=args.host, port=args.port, threads=args.threads, ident="bayegan",
                       clear_untrusted_proxy_headers=True, connection_limit=config["CONNECTION_LIMIT"],
                       channel_timeout=config["CHANNEL_TIMEOUT"], asyncore_use_poll=True,
                       cleanup_interval=max(1, int(config["CHANNEL_TIMEOUT"] // 3)))
    except KeyboardInterrupt:
        pass
    return 0


def _start_warming_analyzers():
    """A thread building the analyzers' tables and entity lexicons (what the shard workers' fork server preloads);
    the modules are imported here first, so that the thread only runs code and never races an import."""
    import threading

    from analyzers.startup import warm_all

    def warm():
        try:
            warm_all()
        except Exception:  # the warm-up search after it reports what fails, on the main thread
            pass

    thread = threading.Thread(target=warm, name="warm-analyzers", daemon=True)
    thread.start()
    return thread


def app_config(args) -> dict:
    """The settings the command line gives; the others come from ``BAYEGAN_*`` (``--ray`` only when given, so
    that ``BAYEGAN_RAY_ADDRESS`` applies without it)."""
    config = {"INDEX_DIR": args.index}
    if args.ray:
        config["RAY_ADDRESS"] = args.ray
    return config


def _raise_open_files_limit(wanted: int) -> None:
    """Every connection is a file descriptor: lift the soft limit towards ``wanted`` (up to the hard one)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
