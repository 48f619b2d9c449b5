/** Розсилки: форми підписки, /newsletters, відписка, листи розсилок (слова столу редакції лишаються англійськими). */
export const newslettersUk = {
  'newsletters.title': 'Розсилки',
  'newsletters.intro':
    'Наша журналістика у вашій поштовій скриньці, безкоштовно. Оберіть, що вам цікаво: перш ніж щось надсилати, ми ' +
    'надішлемо посилання, щоб підтвердити вашу адресу.',
  'newsletters.none': 'Поки що немає розсилок, на які можна підписатися.',
  'newsletters.daily': 'Щодня о {{time}}',
  'newsletters.form.heading': 'Отримуйте наші розсилки',
  'newsletters.form.email': 'Ваша електронна адреса',
  'newsletters.form.choose': 'Які розсилки',
  'newsletters.form.submit': 'Підписатися',
  'newsletters.form.honeypot': 'Залиште це поле порожнім',
  'newsletters.form.sending': 'Надсилаємо…',
  'newsletters.form.sent':
    'Майже готово: ми надіслали посилання на {{email}}. Перейдіть за ним, щоб підтвердити адресу й почати отримувати розсилки.',
  'newsletters.form.chosen_one': 'Ви обрали {{count}} розсилку.',
  'newsletters.form.chosen_few': 'Ви обрали {{count}} розсилки.',
  'newsletters.form.chosen_many': 'Ви обрали {{count}} розсилок.',
  'newsletters.form.chosen_other': 'Ви обрали {{count}} розсилки.',
  'newsletters.form.noneChosen': 'Оберіть хоча б одну розсилку.',
  'newsletters.form.tooMany': 'Забагато підписок звідси за короткий час. Зачекайте кілька хвилин і спробуйте знову.',
  'newsletters.form.failed': 'Не вдалося. Спробуйте ще раз.',
  'newsletters.form.privacy':
    'Вашу адресу ми використовуємо лише для того, щоб надсилати обране вами. У кожному листі є посилання, щоб відписатися одним натиском.',
  'newsletters.tracking.on':
    'Ми рахуємо, скільки читачів відкривають кожну розсилку й переходять за її посиланнями (за допомогою крихітного ' +
    'зображення і посилань через наш сайт), щоб знати, що корисне. Ми ніколи не продаємо й не передаємо ці дані.',
  'newsletters.tracking.off': 'Без стеження: ми не рахуємо, хто відкриває наші листи чи натискає посилання в них.',
  'newsletters.embed.title': 'Підпишіться на розсилки {{site}}',
  'newsletters.linkInvalid': 'Це посилання недійсне: можливо, його обрізали під час копіювання.',
  'newsletters.unsubscribe.title': 'Відписатися',
  'newsletters.unsubscribe.question': 'Більше не надсилати розсилку «{{newsletter}}» на {{email}}?',
  'newsletters.unsubscribe.button': 'Відписатися',
  'newsletters.unsubscribe.others': 'Інші ваші розсилки лишаться без змін.',
  'newsletters.unsubscribe.done': 'Готово: на {{email}} більше не надходитиме розсилка «{{newsletter}}».',
  'newsletters.unsubscribe.already': 'Адреса {{email}} не підписана на розсилку «{{newsletter}}».',
  'newsletters.unsubscribe.invalid':
    'Це посилання для відписки недійсне. Можливо, його обрізали під час копіювання: скористайтеся посиланням у самому листі.',
  'newsletters.unsubscribe.resubscribe': 'Підписатися знову',
  'newsletters.unsubscribe.resubscribed': 'З поверненням: на {{email}} знову надходитиме розсилка «{{newsletter}}».',
  'newsletters.unsubscribe.manage': 'Обрати розсилки',
  'newsletters.email.readMore': 'Читати далі',
  'newsletters.email.inThisIssue_one': 'У цьому випуску {{count}} матеріал',
  'newsletters.email.inThisIssue_few': 'У цьому випуску {{count}} матеріали',
  'newsletters.email.inThisIssue_many': 'У цьому випуску {{count}} матеріалів',
  'newsletters.email.inThisIssue_other': 'У цьому випуску {{count}} матеріалу',
  'newsletters.email.why': 'Ви отримуєте розсилку «{{newsletter}}», бо підписалися на неї на сайті {{site}}.',
  'newsletters.email.unsubscribe': 'Відписатися від розсилки «{{newsletter}}»',
  'newsletters.email.manage': 'Обрати розсилки',
  'newsletters.email.counted':
    'Ми рахуємо, чи відкрито цей лист і чи переходять за його посиланнями, щоб знати, що корисне читачам.',
  'newsletters.email.notCounted': 'Ми не відстежуємо, чи ви відкриваєте цей лист і чи натискаєте посилання в ньому.',
} as const;
