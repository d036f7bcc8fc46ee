// One swc configuration for the build and for Jest, so tests run the code the build ships.
// Path aliases come from tsconfig.base.json and are rewritten to relative requires.
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));

module.exports = {
  root,
  paths: compilerOptions.paths,
  swcOptions: {
    $schema: 'https://swc.rs/schema.json',
    sourceMaps: 'inline',
    module: { type: 'commonjs', strict: true },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      // NestJS and TypeORM read constructor parameter types through decorator metadata.
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      baseUrl: root,
      paths: compilerOptions.paths,
    },
  },
};
