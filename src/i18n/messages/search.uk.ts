import type { Catalogue } from '../catalogue.types.js';

/** Сторінка пошуку. */
export const searchUk: Catalogue = {
  'search.title': 'Пошук',
  'search.titleFor': 'Пошук: {{query}}',
  'search.label': 'Шукати матеріали',
  'search.button': 'Шукати',
  'search.results': 'Результати пошуку',
  'search.more': 'Більше результатів',
  'search.help': 'Шукайте серед усіх опублікованих матеріалів за словами із заголовка, підзаголовка чи тексту.',
  'search.noWords': 'Введіть одне чи кілька слів — самі розділові знаки нічого не знайдуть.',
  'search.none': 'За запитом «{{query}}» нічого не знайдено. Спробуйте менше слів або інші.',
  'search.noMore': 'Більше результатів немає.',
  'search.elsewhere_one': 'Ще {{count}} результат у виданні «{{edition}}»',
  'search.elsewhere_few': 'Ще {{count}} результати у виданні «{{edition}}»',
  'search.elsewhere_many': 'Ще {{count}} результатів у виданні «{{edition}}»',
  'search.elsewhere_other': 'Ще {{count}} результату у виданні «{{edition}}»',
};
