import { Query, type Language } from 'web-tree-sitter';

/**
 * One query finds every node a rule may look at, in a single pass inside the parser's wasm.
 * Walking the whole tree from JavaScript would cross into wasm for every node; this way only
 * candidates reach the rules. Capture names say which handler a match goes to.
 */
const SOURCE = String.raw`
(import_statement) @import
(import_from_statement) @import

(call function: [(identifier) @callee (attribute attribute: (identifier) @callee)]) @call

(keyword_argument
  name: (identifier) @keyword.name
  (#any-of? @keyword.name "shell" "verify" "cert_reqs" "debug" "DEBUG" "SECRET_KEY" "JWT_SECRET_KEY"
    "secret_key" "WTF_CSRF_ENABLED" "CSRF_ENABLED")) @keyword

(assignment
  left: (identifier) @assign.name
  (#any-of? @assign.name "DEBUG" "SECRET_KEY" "JWT_SECRET_KEY" "secret_key" "WTF_CSRF_ENABLED"
    "CSRF_ENABLED")) @assign
(assignment
  left: (attribute attribute: (identifier) @assign.attribute)
  (#any-of? @assign.attribute "debug" "secret_key" "SECRET_KEY" "JWT_SECRET_KEY" "check_hostname" "verify")) @assign
(assignment left: (subscript subscript: (string) @assign.key)) @assign

(pair key: (string) @pair.key) @pair

(decorator) @decorator

(class_definition superclasses: (argument_list) @class.bases) @class

((identifier) @special (#any-of? @special "CERT_NONE" "_create_unverified_context" "MODE_ECB"))

(subscript
  value: [(identifier) @environ (attribute attribute: (identifier) @environ)]
  (#eq? @environ "environ")) @environ.subscript

(except_clause value: (as_pattern alias: (as_pattern_target (identifier) @except.alias)))

(interpolation expression: (identifier) @interpolated)
`;

const compiled = new WeakMap<Language, Query>();

/** The rule query, compiled once per grammar. */
export function ruleQuery(language: Language): Query {
  let query = compiled.get(language);
  if (!query) {
    query = new Query(language, SOURCE);
    compiled.set(language, query);
  }
  return query;
}
