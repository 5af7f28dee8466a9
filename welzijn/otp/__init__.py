"""Second factor for staff: TOTP with one-time backup codes (django-otp), Dutch pages."""
