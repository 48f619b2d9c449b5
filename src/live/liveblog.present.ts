// The reader's story page (src/stories/story.site.tsx) still imports the live blog's loader from here; once it
// imports it from './liveblog.data.js', this file goes (the entries' presenter is liveblog-entry.present.ts).
export { loadLiveblog } from './liveblog.data.js';
