"""The local web explorer: ``twinflames serve`` starts it; :func:`twinflames.web.app.create_app`
builds it (imported lazily so the other commands start fast)."""
