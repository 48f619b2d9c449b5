/** Reader accounts (sign-in and sign-up by email link, /account) and the emails about them, in English. */
export const accountEn = {
  // The one email layout (mail/email.layout.ts).
  'email.readOnSite': 'Read on the site',
  'email.footer.sentBy': 'This email was sent by {{site}}.',
  'email.linkFallback': 'If the button does not work, copy this address into your browser:',
  // The emailed link: signing in, signing up (which also confirms the address), confirming a new address.
  'email.signIn.subject': 'Your link to sign in to {{site}}',
  'email.signIn.heading': 'Sign in to {{site}}',
  'email.signIn.text': 'Follow this link to sign in.',
  'email.signIn.button': 'Sign in',
  'email.signUp.subject': 'Confirm your email address for {{site}}',
  'email.signUp.heading': 'Welcome to {{site}}',
  'email.signUp.text': 'Follow this link to confirm your email address and finish signing up.',
  'email.signUp.button': 'Confirm and sign in',
  'email.change.subject': 'Confirm your new email address for {{site}}',
  'email.change.heading': 'Confirm your new email address',
  'email.change.text': 'Follow this link to use this address for your account on {{site}}.',
  'email.change.button': 'Confirm this address',
  'email.expires_one': 'The link works once, within {{count}} minute.',
  'email.expires_other': 'The link works once, within {{count}} minutes.',
  'email.ignore':
    'If you did not ask for this, you can ignore this email: nothing happens unless the link is followed.',
} as const;
