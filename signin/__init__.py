"""Staff sign-in: the second factor (TOTP with one-time backup codes, django-otp) before
any admin page, the admin site that asks for it and the Dutch lockout page.

It announces what happens through signals (signals.py) and imports no app that listens."""
