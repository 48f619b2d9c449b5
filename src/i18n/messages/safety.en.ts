/**
 * The desk's account safety pages (two-factor sign-in, the audit log), in English: `desk.*` keys, which other
 * languages may leave to English for now (catalogue.test.ts). Taken through desk/desk-words.ts.
 */
export const safetyEn = {
  'desk.nav.twoFactor': 'Two-factor',
  'desk.nav.audit': 'Audit log',
  'desk.tf.title': 'Two-factor sign-in',
  'desk.tf.codeTitle': 'Enter your sign-in code',
  'desk.tf.codeText': 'Open your authenticator app and type the 6-digit code it shows for this desk.',
  'desk.tf.codeLabel': 'Code (or a recovery code)',
  'desk.tf.verify': 'Verify and sign in',
  'desk.tf.expired': 'That sign-in took too long. Sign in with your password again.',
  'desk.tf.on': 'Two-factor sign-in is on. Recovery codes left: {{count}}.',
  'desk.tf.off': 'Two-factor sign-in is off: your password alone opens your account.',
  'desk.tf.required': 'The newsroom requires two-factor sign-in for your role. Set it up to continue.',
  'desk.tf.scan':
    'Scan this code with an authenticator app (or type the key below into it), then type the code it shows.',
  'desk.tf.key': 'Key',
  'desk.tf.confirm': 'Turn on two-factor',
  'desk.tf.codesTitle': 'Your recovery codes',
  'desk.tf.codesText':
    'Each code signs you in once if you lose your phone. Keep them somewhere safe: they are shown only now.',
  'desk.tf.continue': 'Continue to the desk',
  'desk.tf.regenerate': 'Make new recovery codes',
  'desk.tf.regenerateText': 'The old codes stop working.',
  'desk.tf.disable': 'Turn off two-factor',
  'desk.tf.disableText': 'Give your password and a code to turn it off.',
  'desk.tf.rolesTitle': 'Require two-factor sign-in',
  'desk.tf.rolesText':
    'Accounts of the roles ticked must give a code after their password; one without two-factor sets it up first.',
  'desk.tf.rolesSave': 'Save the requirement',
  'desk.tf.saved': 'Saved.',
  'desk.tf.disabled': 'Two-factor sign-in is off.',
} as const;
