from django.dispatch import Signal

# Sent with request, user and device after a staff member gave a valid second factor.
second_factor_verified = Signal()
# Sent with request and user after a wrong or throttled code.
second_factor_failed = Signal()
