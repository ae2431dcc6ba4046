// Load a Hexo site with Hexo's own loader and print what it made of each post, as JSON.
//
//   node load.js SITE_DIR
//
// Prints [{source, title, date, dateFromFile, categories, tags, content}]: date is the instant
// in milliseconds since the epoch, dateFromFile is true when Hexo found no usable date in the
// front matter and took the file's creation time, categories are "parent/child" paths, content
// is the rendered HTML. Hexo and its plugins are resolved from SITE_DIR (its package.json lists
// the plugins, its node_modules holds them).
'use strict';

const fs = require('fs');
const path = require('path');

// Node rounds a file time to the millisecond one way, Date another: equal within this.
const FILE_TIME_TOLERANCE_MS = 1;

function categoryPath(category, byId) {
  const names = [];
  for (let c = category; c; c = c.parent ? byId.get(c.parent) : null) names.unshift(c.name);
  return names.join('/');
}

function describe(post, byId, sourceDir) {
  const date = post.date ? post.date.valueOf() : null;
  const born = fs.statSync(path.join(sourceDir, post.source)).birthtimeMs;
  return {
    source: post.source,
    title: post.title,
    date,
    dateFromFile: date !== null && Math.abs(date - born) <= FILE_TIME_TOLERANCE_MS,
    categories: post.categories.map(c => categoryPath(c, byId)).sort(),
    tags: post.tags.map(t => t.name).sort(),
    content: post.content,
  };
}

async function main(siteDir) {
  const Hexo = require(require.resolve('hexo', { paths: [siteDir] }));
  const hexo = new Hexo(siteDir, { silent: true });
  await hexo.init();
  await hexo.load();
  const byId = new Map(hexo.model('Category').map(c => [c._id, c]));
  const posts = hexo.locals.get('posts').map(post => describe(post, byId, hexo.source_dir));
  process.stdout.write(JSON.stringify(posts, null, 1) + '\n');
  // No hexo.exit(): it saves db.json, a cache a later load would trust over the files.
}

if (process.argv.length !== 3) {
  process.stderr.write('usage: node load.js SITE_DIR\n');
  process.exit(2);
}
main(path.resolve(process.argv[2])).catch(err => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
