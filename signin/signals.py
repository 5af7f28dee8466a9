from django.dispatch import Signal

# Sent with request, user, device and previous_session_key after a staff member gave a
# valid second factor: the session then has a new key, the previous one is gone.
second_factor_verified = Signal()
# Sent with request and user after a wrong or throttled code.
second_factor_failed = Signal()
