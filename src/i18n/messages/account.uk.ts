import type { Catalogue } from '../catalogue.types.js';

/** Облікові записи читачів (вхід і реєстрація за посиланням з листа, /account) і листи про них, українською. */
export const accountUk: Catalogue = {
  'email.readOnSite': 'Читати на сайті',
  'email.footer.sentBy': 'Цей лист надіслала редакція «{{site}}».',
  'email.linkFallback': 'Якщо кнопка не працює, скопіюйте цю адресу у браузер:',
  'email.signIn.subject': 'Ваше посилання для входу на «{{site}}»',
  'email.signIn.heading': 'Вхід на «{{site}}»',
  'email.signIn.text': 'Перейдіть за цим посиланням, щоб увійти.',
  'email.signIn.button': 'Увійти',
  'email.signUp.subject': 'Підтвердьте свою адресу для «{{site}}»',
  'email.signUp.heading': 'Вітаємо на «{{site}}»',
  'email.signUp.text': 'Перейдіть за цим посиланням, щоб підтвердити адресу й завершити реєстрацію.',
  'email.signUp.button': 'Підтвердити й увійти',
  'email.change.subject': 'Підтвердьте нову адресу для «{{site}}»',
  'email.change.heading': 'Підтвердьте нову адресу',
  'email.change.text':
    'Перейдіть за цим посиланням, щоб використовувати цю адресу для свого облікового запису на «{{site}}».',
  'email.change.button': 'Підтвердити адресу',
  'email.expires_one': 'Посилання діє один раз упродовж {{count}} хвилини.',
  'email.expires_few': 'Посилання діє один раз упродовж {{count}} хвилин.',
  'email.expires_many': 'Посилання діє один раз упродовж {{count}} хвилин.',
  'email.expires_other': 'Посилання діє один раз упродовж {{count}} хвилини.',
  'email.ignore':
    'Якщо ви цього не просили, просто не зважайте на лист: без переходу за посиланням нічого не станеться.',
};
