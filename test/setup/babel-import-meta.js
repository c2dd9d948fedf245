/**
 * Babel plugin for Jest's CommonJS runtime: NestJS 12's ES modules read import.meta.url, which
 * does not exist in CommonJS. Rewrite it to the same value computed from __filename.
 */
module.exports = function importMetaToCommonJs({ types: t, template }) {
  const url = template.expression.ast`require('node:url').pathToFileURL(__filename).href`;
  return {
    name: 'import-meta-to-commonjs',
    visitor: {
      // `const require = createRequire(import.meta.url)` would shadow CommonJS's own require.
      Program(path) {
        if (path.scope.hasOwnBinding('require')) path.scope.rename('require', '_esmRequire');
      },
      MemberExpression(path) {
        const { object, property } = path.node;
        if (!t.isMetaProperty(object) || object.meta.name !== 'import') return;
        if (t.isIdentifier(property, { name: 'url' })) path.replaceWith(t.cloneNode(url));
        else if (t.isIdentifier(property, { name: 'dirname' }))
          path.replaceWith(t.identifier('__dirname'));
        else if (t.isIdentifier(property, { name: 'filename' }))
          path.replaceWith(t.identifier('__filename'));
        // Used only to ask whether an optional package is installed.
        else if (t.isIdentifier(property, { name: 'resolve' }))
          path.replaceWith(t.memberExpression(t.identifier('require'), t.identifier('resolve')));
      },
    },
  };
};
