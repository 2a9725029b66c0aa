// Finds where source code names a table: the TypeScript compiler's syntax tree, so comments never
// count and a parameter called `users` or a config key `zones` is not a table. A string literal names
// a table when it is
//   - the table argument of a query builder call (selectFrom, insertInto, joins, sql.table, …),
//     aliased or not ('users as u'), alone or in an array;
//   - a column reference 'table.column' (or 'table.*') anywhere, with a column the table really has;
//   - the value of a `table:` property (resource-kind entries);
//   - a literal type that casts or indexes ('instances' in `as 'instances'`, `Database['users']`) or
//     is one of a union of table names;
//   - any other literal the checker types as a table name (a `keyof Database` slot);
// and SQL text (sql`…` templates, sql.raw arguments, strings that start like a statement) names a
// table after from / join / update / into / table, or as table.column.
import { readFileSync } from 'node:fs'
import ts from 'typescript'

export interface Schema {
  /** table → its columns, read from `interface Database` in src/store/database.ts */
  tables: ReadonlyMap<string, ReadonlySet<string>>
}

export interface TableReference {
  table: string
  line: number
}

/** Kysely methods whose first argument (or its array elements) is a table. */
const TABLE_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'crossJoin',
  'innerJoinLateral',
  'leftJoinLateral',
  'crossJoinLateral',
  'using',
  'table',
])

const SQL_STATEMENT = /^\s*(select|insert|update|delete|with|create|alter|drop|replace)\b/i
const SQL_TABLE = /\b(?:from|join|update|into|table|exists)\s+"?([a-z_][a-z0-9_]*)"?/gi
const DOTTED = /^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*|\*)$/
const DOTTED_IN_TEXT = /\b([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*|\*)/gi

/** The tables of `interface Database` and the columns of each row type, from database.ts's syntax tree. */
export function readSchema(databaseFile: string): Schema {
  const source = ts.createSourceFile(databaseFile, readFileSync(databaseFile, 'utf8'), ts.ScriptTarget.Latest, true)
  const interfaces = new Map<string, ts.InterfaceDeclaration>()
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node)
  })
  const database = interfaces.get('Database')
  if (!database) throw new Error(`${databaseFile} declares no interface Database`)
  const tables = new Map<string, ReadonlySet<string>>()
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) throw new Error(`Database member ${member.getText()} is not \`table: RowType\``)
    const row = interfaces.get(member.type.typeName.getText())
    if (!row) throw new Error(`Database member ${member.getText()}: no interface ${member.type.typeName.getText()} in ${databaseFile}`)
    const columns = row.members.filter(ts.isPropertySignature).map((p) => p.name.getText())
    tables.set(member.name.getText(), new Set(columns))
  }
  return { tables }
}

/** The method name of `x.selectFrom(…)` / `selectFrom(…)`, if the node is a call. */
function calledName(call: ts.CallExpression): string | undefined {
  const callee = call.expression
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text
  if (ts.isIdentifier(callee)) return callee.text
  return undefined
}

/** Is `node` the sql tag, or `sql.raw` / `sql.lit` (raw SQL text)? */
function isSqlTag(node: ts.Expression): boolean {
  return ts.isIdentifier(node) && node.text === 'sql'
}

function isSqlRawCall(call: ts.CallExpression): boolean {
  const callee = call.expression
  return ts.isPropertyAccessExpression(callee) && isSqlTag(callee.expression) && (callee.name.text === 'raw' || callee.name.text === 'lit')
}

/** Is the literal the table argument of a query builder call (directly or inside an array argument)? */
function inTablePosition(literal: ts.Node): boolean {
  let node = literal
  if (ts.isArrayLiteralExpression(node.parent)) node = node.parent
  const parent = node.parent
  if (ts.isCallExpression(parent) && parent.arguments[0] === node) {
    const name = calledName(parent)
    return name !== undefined && TABLE_METHODS.has(name)
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) return parent.name.getText() === 'table'
  return false
}

/**
 * A call argument's slot as the callee declares it: for a generic parameter (`take<K extends
 * LockKind>(kind: K)`) its constraint, not the literal inferred into it, so `locks.take('hosts', …)`
 * is a lock kind however it was inferred. Undefined when the literal is not a call argument.
 */
function declaredSlot(literal: ts.Expression, checker: ts.TypeChecker): ts.Type | undefined {
  const call = literal.parent
  if (!ts.isCallExpression(call)) return undefined
  const index = call.arguments.indexOf(literal)
  const signature = checker.getResolvedSignature(call)
  const declared = signature?.getDeclaration()
  const parameter = declared?.parameters?.[index]
  if (!parameter || parameter.dotDotDotToken) return undefined
  const type = checker.getTypeAtLocation(parameter)
  return type.isTypeParameter() ? checker.getBaseConstraintOfType(type) : undefined
}

/** Is the contextual type a table-name slot: every member a string literal naming a table? */
function typedAsTable(literal: ts.Expression, checker: ts.TypeChecker, schema: Schema): boolean {
  const type = declaredSlot(literal, checker) ?? checker.getContextualType(literal)
  if (!type) return false
  const members = type.isUnion() ? type.types : [type]
  return members.every((t) => t.isStringLiteral() && schema.tables.has(t.value))
}

/**
 * A literal type names a table when it casts (`as 'instances'`, satisfies), indexes a type
 * (`Database['users']`), or sits in a union of nothing but table names (`'instances' | 'volumes'`);
 * a union that mixes in other words ('tags' | 'owners' …) is some other vocabulary.
 */
function literalTypeNamesTable(literal: ts.LiteralTypeNode, schema: Schema): boolean {
  let top: ts.Node = literal
  while (ts.isUnionTypeNode(top.parent) || ts.isParenthesizedTypeNode(top.parent)) top = top.parent
  const parent = top.parent
  if (ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isTypeAssertionExpression(parent)) return true
  if (ts.isIndexedAccessTypeNode(parent) && parent.indexType === top) return true
  if (top === literal) return false
  const members: ts.TypeNode[] = []
  const flatten = (node: ts.TypeNode): void => {
    if (ts.isUnionTypeNode(node)) node.types.forEach(flatten)
    else if (ts.isParenthesizedTypeNode(node)) flatten(node.type)
    else members.push(node)
  }
  flatten(top as ts.TypeNode)
  return members.every((m) => ts.isLiteralTypeNode(m) && ts.isStringLiteral(m.literal) && schema.tables.has(m.literal.text))
}

/** Tables named in SQL text. */
function tablesInSql(text: string, schema: Schema): string[] {
  const found: string[] = []
  for (const m of text.matchAll(SQL_TABLE)) if (schema.tables.has(m[1]!)) found.push(m[1]!)
  for (const m of text.matchAll(DOTTED_IN_TEXT)) if (schema.tables.get(m[1]!)?.has(m[2]!) || (m[2] === '*' && schema.tables.has(m[1]!))) found.push(m[1]!)
  return found
}

/** Every place `source` names a table (the same table twice on a line counts once). */
export function tableReferences(source: ts.SourceFile, checker: ts.TypeChecker | undefined, schema: Schema): TableReference[] {
  const found: TableReference[] = []
  const add = (table: string, node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
    if (!found.some((r) => r.table === table && r.line === line)) found.push({ table, line })
  }
  const sqlText = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node)) for (const table of tablesInSql(node.text, schema)) add(table, node)
    else if (ts.isTemplateExpression(node)) for (const part of [node.head, ...node.templateSpans.map((s) => s.literal)]) for (const table of tablesInSql(part.text, schema)) add(table, part)
  }
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && isSqlTag(node.tag)) sqlText(node.template)
    else if (ts.isCallExpression(node) && isSqlRawCall(node) && node.arguments[0]) sqlText(node.arguments[0])
    else if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
      if (schema.tables.has(node.literal.text) && literalTypeNamesTable(node, schema)) add(node.literal.text, node)
    } else if (ts.isStringLiteralLike(node) && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent) && !ts.isLiteralTypeNode(node.parent)) {
      const text = node.text.trim()
      const name = text.replace(/\s+as\s+\w+$/i, '')
      const dotted = DOTTED.exec(text)
      if (dotted && (schema.tables.get(dotted[1]!)?.has(dotted[2]!) || (dotted[2] === '*' && schema.tables.has(dotted[1]!)))) add(dotted[1]!, node)
      else if (schema.tables.has(name) && (inTablePosition(node) || (checker && typedAsTable(node, checker, schema)))) add(name, node)
      else if (SQL_STATEMENT.test(text)) sqlText(node)
    } else if (ts.isTemplateExpression(node) && SQL_STATEMENT.test(node.head.text)) sqlText(node)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}
