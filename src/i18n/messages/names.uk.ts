import type { Catalogue } from '../catalogue.types.js';

/** Слова розділів, тегів і авторів у кожному виданні: сторінки читача і сторінки редакції, що їх називають. */
export const namesUk: Catalogue = {
  'section.within': 'У розділі «{{name}}»',
  'names.nav.sections': 'Розділи',
  'names.nav.tags': 'Теги',
  'names.sections.title': 'Розділи',
  'names.sections.intro':
    'Назва й опис кожного розділу в кожному виданні. Якщо поле порожнє, у цьому виданні показано слова основного видання.',
  'names.sections.none': 'Розділів ще немає.',
  'names.tags.title': 'Теги',
  'names.tags.intro':
    'Назва й опис кожного тегу в кожному виданні. Якщо поле порожнє, у цьому виданні показано слова основного видання.',
  'names.tags.none': 'Тегів ще немає.',
  'names.tags.more': 'Більше тегів',
  'names.primary': 'основне видання',
  'names.fallback': 'якщо порожньо — слова основного видання',
  'names.name': 'Назва',
  'names.description': 'Опис',
  'names.save': 'Зберегти',
  'names.saved': '«{{name}}» збережено.',
  'names.author.inEdition': 'У виданні «{{edition}}»',
  'names.author.inEditionHint': 'Якщо порожньо, читачі цього видання бачать слова, наведені вище.',
  'names.author.roleTitle': 'Посада',
  'names.author.shortBio': 'Коротка біографія',
  'names.author.bio': 'Біографія',
};
