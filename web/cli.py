"""``bayegan serve``: the search page and JSON API under waitress, a production WSGI server."""

import os
import sys


def register(subparsers):
    parser = subparsers.add_parser("serve", help="serve the search page and JSON API over HTTP",
                                   description="Serve the search page and the JSON API for an index (waitress).")
    parser.add_argument("--index", default=os.environ.get("BAYEGAN_INDEX", "var/demo-index"),
                        help="index folder (default: $BAYEGAN_INDEX or var/demo-index)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="port (default: 5000)")
    parser.add_argument("--threads", type=int, default=8, help="worker threads (default: 8)")
    parser.set_defaults(func=serve)


def serve(args) -> int:
    from waitress import serve as waitress_serve

    from web import create_app, engine_for
    from web.engine import IndexUnavailable
    from web.settings import SettingsError

    try:
        app = create_app({"INDEX_DIR": args.index})
        # Open the index and run one search now: a wrong path fails here, and the analyzers (hazm takes seconds to
        # load) are ready before the first visitor instead of making them wait.
        engine_for(app).search("ایران", per_page=1)
    except (SettingsError, IndexUnavailable) as exc:
        print(f"bayegan serve: {exc}", file=sys.stderr)
        if isinstance(exc, IndexUnavailable):
            print(f"  build one first: bayegan index examples/demo --index {args.index}", file=sys.stderr)
        return 2
    print(f"Bayegan: serving {args.index} on http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
    waitress_serve(app, host=args.host, port=args.port, threads=args.threads, ident="bayegan",
                   clear_untrusted_proxy_headers=True)
    return 0
