// The replies of QingLocal's own actions, as the TypeScript SDK types them (scripts/client-types.ts):
// what each action's handle or query returns, read by the TypeScript compiler from the implementation
// itself, so the type cannot drift from what the server sends. The definitions declare a loose
// `Promise<Record<string, unknown>>`, but a function without a return annotation has the type its
// body gives it, and that is the precise one. Each type is printed structurally, self-contained:
// interfaces and aliases expanded, `undefined` fields optional (JSON drops them), and anything JSON
// would not carry as it is (a Date, a bigint, a function, a Map) fails the generator, naming the
// action and the field.
import { relative } from 'node:path'
import ts from 'typescript'

const ROOT = new URL('..', import.meta.url).pathname
/** The registry: every action the server answers is reached from it. */
export const MODULES_FILE = `${ROOT}src/modules.ts`
const ACTION_FILE = `${ROOT}src/protocol/action.ts`

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/
export const propName = (name: string) => (IDENT.test(name) ? name : JSON.stringify(name))

/**
 * An action's reply as its implementation gives it: the TypeScript text of the type (in parentheses
 * when a union, so it intersects as a whole), or `loose`: the imprecise type the implementation
 * gives (`Record<string, unknown>`). `file` (relative to the repository) and `returnedBy` say where it was read.
 */
export type InferredReply = { file: string; returnedBy: 'handle' | 'query' } & ({ type: string } | { loose: string })

/**
 * One program over the sources `rootNames` reach, with the repository's compiler options; `overlay`
 * adds files that exist only in memory (a test's fake action) or replaces files on disk.
 */
export function actionsProgram(rootNames: readonly string[] = [MODULES_FILE], overlay: ReadonlyMap<string, string> = new Map()): ts.Program {
  const config = ts.readConfigFile(`${ROOT}tsconfig.json`, ts.sys.readFile)
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'))
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT)
  const host = ts.createCompilerHost(options)
  if (overlay.size > 0) {
    const { fileExists, readFile, getSourceFile } = host
    host.fileExists = (file) => overlay.has(file) || fileExists.call(host, file)
    host.readFile = (file) => overlay.get(file) ?? readFile.call(host, file)
    host.getSourceFile = (file, language, ...rest) => {
      const text = overlay.get(file)
      return text === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, text, language)
    }
  }
  return ts.createProgram({ rootNames, options, host })
}

/** The inferred reply of each action in `names` defined (by `defineAction`) in the program's sources. */
export function inferReplyTypes(program: ts.Program, names: ReadonlySet<string>): Map<string, InferredReply> {
  const checker = program.getTypeChecker()
  const definitions = new Map<string, ts.ObjectLiteralExpression>()
  for (const file of program.getSourceFiles()) {
    // only our sources define actions; the text test skips the parse tree of the rest
    if (file.isDeclarationFile || file.fileName.includes('/node_modules/') || !file.text.includes('defineAction')) continue
    const visit = (node: ts.Node) => {
      const definition = actionDefinition(node, checker)
      if (definition && names.has(definition.name)) {
        if (definitions.has(definition.name)) throw new Error(`client types: action ${definition.name} is defined twice (${file.fileName})`)
        definitions.set(definition.name, definition.object)
      }
      ts.forEachChild(node, visit)
    }
    visit(file)
  }
  const replies = new Map<string, InferredReply>()
  for (const name of [...names].sort()) {
    const object = definitions.get(name)
    // a name built at run time (a factory) would land here: the generator cannot follow it
    if (!object) throw new Error(`client types: no defineAction({ name: '${name}', … }) in the sources`)
    const { type, returnedBy } = handlerResult(object, checker, name)
    const file = relative(ROOT, object.getSourceFile().fileName)
    replies.set(name, { file, returnedBy, ...new ReplyPrinter(checker, name).reply(type) })
  }
  return replies
}

/** `defineAction({ name: 'X', … })` (the one of protocol/action.ts, whatever it is imported as): X and the object. */
function actionDefinition(node: ts.Node, checker: ts.TypeChecker): { name: string; object: ts.ObjectLiteralExpression } | undefined {
  // an identifier callee: resolving `db.selectFrom(…)` would make the checker type the receiver
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.arguments.length !== 1) return undefined
  const object = node.arguments[0]!
  if (!ts.isObjectLiteralExpression(object)) return undefined
  let callee = checker.getSymbolAtLocation(node.expression)
  if (callee && callee.flags & ts.SymbolFlags.Alias) callee = checker.getAliasedSymbol(callee)
  const declaration = callee?.declarations?.[0]
  if (callee?.name !== 'defineAction' || declaration?.getSourceFile().fileName !== ACTION_FILE) return undefined
  const name = object.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'name')
  if (!name || !ts.isPropertyAssignment(name) || !ts.isStringLiteralLike(name.initializer)) return undefined
  return { name: name.initializer.text, object }
}

/** The awaited return type of the definition's handle or query, as the body infers it. */
function handlerResult(object: ts.ObjectLiteralExpression, checker: ts.TypeChecker, action: string): { type: ts.Type; returnedBy: 'handle' | 'query' } {
  const member = object.properties.find((p) => p.name && ts.isIdentifier(p.name) && (p.name.text === 'handle' || p.name.text === 'query'))
  if (!member) throw new Error(`client types: ${action} has neither handle nor query written in its definition`)
  let signature: ts.Signature | undefined
  if (ts.isMethodDeclaration(member)) signature = checker.getSignatureFromDeclaration(member)
  else if (ts.isPropertyAssignment(member) && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) signature = checker.getSignatureFromDeclaration(member.initializer)
  else {
    // `handle: describeThings` or `handle,`: the referenced function's own signature
    const at = ts.isPropertyAssignment(member) ? member.initializer : ts.isShorthandPropertyAssignment(member) ? member.name : undefined
    if (at) signature = checker.getTypeAtLocation(at).getCallSignatures()[0]
  }
  if (!signature) throw new Error(`client types: ${action}'s ${member.name?.getText()} is not a function the checker can read`)
  const result = checker.getReturnTypeOfSignature(signature)
  return { type: checker.getAwaitedType(result) ?? result, returnedBy: (member.name as ts.Identifier).text as 'handle' | 'query' }
}

/** Prints one action's reply type; `path` names the field being printed, for the error that names it. */
class ReplyPrinter {
  readonly #onPath = new Set<ts.Type>()

  constructor(
    readonly checker: ts.TypeChecker,
    readonly action: string,
  ) {}

  reply(type: ts.Type): { type: string } | { loose: string } {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { loose: this.checker.typeToString(type) }
    const objects = type.isUnion() ? type.types : [type]
    // a reply that is only an index signature (`Record<string, unknown>` built field by field) says nothing
    if (objects.every((t) => t.flags & ts.TypeFlags.Object && this.checker.getPropertiesOfType(t).length === 0 && this.checker.getIndexInfosOfType(t).length > 0)) {
      return { loose: this.checker.typeToString(type) }
    }
    const text = this.print(type, '', 'the reply')
    return { type: type.isUnion() && text.includes(' | ') ? `(${text})` : text }
  }

  #fail(path: string, what: string): never {
    throw new Error(`client types: ${this.action}: ${path} is ${what}, which JSON does not carry as it is; reply with plain data (strings, numbers, booleans, null, arrays, objects)`)
  }

  print(type: ts.Type, indent: string, path: string): string {
    const f = type.flags
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'unknown'
    if (f & ts.TypeFlags.Never) return 'never'
    if (f & ts.TypeFlags.Null) return 'null'
    if (f & ts.TypeFlags.StringLiteral) return JSON.stringify((type as ts.StringLiteralType).value)
    if (f & ts.TypeFlags.NumberLiteral) return String((type as ts.NumberLiteralType).value)
    if (f & ts.TypeFlags.BooleanLiteral) return this.checker.typeToString(type)
    if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return 'string'
    if (f & ts.TypeFlags.Number) return 'number'
    if (f & ts.TypeFlags.Boolean) return 'boolean'
    if (f & ts.TypeFlags.Undefined) return 'undefined'
    if (f & ts.TypeFlags.BigIntLike) this.#fail(path, 'a bigint')
    if (f & ts.TypeFlags.ESSymbolLike) this.#fail(path, 'a symbol')
    if (f & ts.TypeFlags.Void) this.#fail(path, 'void')
    if (type.isUnion()) return this.#union(type.types, indent, path)
    if (type.isIntersection()) {
      // a branded primitive (`string & { brand }`) is its primitive on the wire
      const primitive = type.types.find((t) => !(t.flags & ts.TypeFlags.Object))
      if (primitive) return this.print(primitive, indent, path)
      return this.#object(type, indent, path)
    }
    if (f & ts.TypeFlags.Object) return this.#object(type as ts.ObjectType, indent, path)
    return this.#fail(path, `of type ${this.checker.typeToString(type)}`)
  }

  #union(members: readonly ts.Type[], indent: string, path: string): string {
    const texts = new Set<string>()
    const booleans = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral)
    for (const member of members) if (!booleans.includes(member) || booleans.length === 1) texts.add(this.print(member, indent, path))
    if (booleans.length === 2) texts.add('boolean')
    // in name order, null last: the checker's order depends on what it happened to meet first
    const sorted = [...texts].sort((a, b) => Number(a === 'null') - Number(b === 'null') || (a < b ? -1 : a > b ? 1 : 0))
    return sorted.join(' | ')
  }

  #object(type: ts.Type, indent: string, path: string): string {
    const checker = this.checker
    if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) this.#fail(path, 'a function')
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const items = checker.getTypeArguments(type as ts.TypeReference).map((t, i) => this.print(t, indent, `${path}[${i}]`))
      if (checker.isTupleType(type)) return `[${items.join(', ')}]`
      const item = items[0] ?? 'unknown'
      return item.includes(' ') ? `Array<${item}>` : `${item}[]`
    }
    // a library's class or interface (Date, Map, Buffer, …) is not plain data
    const declaration = type.getSymbol()?.declarations?.[0]
    if (declaration?.getSourceFile().isDeclarationFile && (ts.isClassDeclaration(declaration) || ts.isInterfaceDeclaration(declaration))) {
      this.#fail(path, `a ${type.getSymbol()!.name}`)
    }
    if (this.#onPath.has(type)) this.#fail(path, 'a recursive type')
    this.#onPath.add(type)
    const lines: string[] = []
    for (const property of checker.getPropertiesOfType(type)) {
      const field = `${path === 'the reply' ? '' : `${path}.`}${property.name}`
      const propertyType = checker.getTypeOfSymbol(property)
      // `x: T | undefined` and `x?: T` alike: absent on the wire when undefined (JSON drops it)
      const all = propertyType.isUnion() ? propertyType.types : [propertyType]
      const defined = all.filter((t) => !(t.flags & ts.TypeFlags.Undefined))
      // a field that is only ever undefined (the other branch's field in a union of literals) never arrives
      if (defined.length === 0) continue
      const optional = property.flags & ts.SymbolFlags.Optional || defined.length < all.length
      const text = defined.length === 1 ? this.print(defined[0]!, `${indent}  `, field) : this.#union(defined, `${indent}  `, field)
      lines.push(`${indent}  ${propName(property.name)}${optional ? '?' : ''}: ${text}`)
    }
    const indexes = checker.getIndexInfosOfType(type)
    // a plain map (charge sums by key): Record reads better than a lone index signature
    const map = lines.length === 0 && indexes.length === 1
    const printed = indexes.map((index) => ({
      key: index.keyType.flags & ts.TypeFlags.Number ? 'number' : 'string',
      value: this.print(index.type, map ? indent : `${indent}  `, `${path}[key]`),
    }))
    this.#onPath.delete(type)
    if (map) return `Record<${printed[0]!.key}, ${printed[0]!.value}>`
    for (const { key, value } of printed) lines.push(`${indent}  [key: ${key}]: ${value}`)
    if (lines.length === 0) return 'Record<string, never>'
    return `{\n${lines.join('\n')}\n${indent}}`
  }
}
