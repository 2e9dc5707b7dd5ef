// Maps tsconfig "paths" to jest's moduleNameMapper so there is one list of aliases.
const tsconfig = require('../tsconfig.json');
exports.pathsToModuleNameMapper = () => {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    const key = '^' + alias.replace('/*', '/(.*)') + '$';
    mapper[key] = '<rootDir>/' + target.replace('/*', '/$1');
  }
  return mapper;
};
