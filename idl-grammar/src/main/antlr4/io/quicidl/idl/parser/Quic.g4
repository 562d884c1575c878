// The .quic schema language. docs/LANGUAGE.md is the user's reference.
//
// Keywords are reserved only where they start a construct: field, rpc and enum
// value names may be keywords (`string message = 1;`), which the `identifier`
// rule allows. Declared type names and the first segment of a package or type
// reference must be plain identifiers, so every decision stays LL(1) or LL(2)
// and syntax errors point at the right token.
grammar Quic;

file
    : statement* EOF
    ;

statement
    : packageDecl
    | optionDecl
    | importDecl
    | messageDecl
    | enumDecl
    | errorDecl
    | serviceDecl
    ;

packageDecl
    : PACKAGE packageName SEMI
    ;

packageName
    : IDENT (DOT identifier)*
    ;

optionDecl
    : OPTION optionName EQ constant SEMI
    ;

optionName
    : identifier (DOT identifier)*
    ;

importDecl
    : IMPORT STRING SEMI
    ;

messageDecl
    : MESSAGE IDENT messageBody
    ;

messageBody
    : LBRACE messageMember* RBRACE
    ;

messageMember
    : field
    | reserved
    | messageDecl
    | enumDecl
    ;

errorDecl
    : ERROR IDENT errorBody
    ;

errorBody
    : LBRACE errorMember* RBRACE
    ;

errorMember
    : field
    | reserved
    ;

field
    : fieldType identifier EQ intLiteral SEMI
    ;

fieldType
    : OPTIONAL fieldType                     # optionalType
    | LIST LT fieldType GT                   # listType
    | MAP LT fieldType COMMA fieldType GT    # mapType
    | typeName                               # namedType
    ;

typeName
    : IDENT (DOT identifier)*
    ;

reserved
    : RESERVED reservedItem (COMMA reservedItem)* SEMI
    ;

reservedItem
    : intLiteral (TO (intLiteral | MAX))?    # reservedNumbers
    | STRING                                 # reservedName
    ;

enumDecl
    : ENUM IDENT enumBody
    ;

enumBody
    : LBRACE enumMember* RBRACE
    ;

enumMember
    : enumValue
    | reserved
    ;

enumValue
    : identifier EQ intLiteral SEMI
    ;

serviceDecl
    : SERVICE IDENT serviceBody
    ;

serviceBody
    : LBRACE rpcDecl* RBRACE
    ;

rpcDecl
    : annotation* RPC identifier rpcRequest rpcResponse? rpcThrows? SEMI
    ;

rpcRequest
    : LPAREN STREAM? typeName RPAREN
    ;

rpcResponse
    : RETURNS LPAREN STREAM? typeName RPAREN
    ;

rpcThrows
    : THROWS typeName (COMMA typeName)*
    ;

annotation
    : AT identifier annotationArgs?
    ;

annotationArgs
    : LPAREN (annotationArg (COMMA annotationArg)*)? RPAREN
    ;

annotationArg
    : (identifier EQ)? annotationValue
    ;

// A bare name is a choice, e.g. the datagram of @realtime(delivery = datagram).
annotationValue
    : constant
    | identifier
    ;

constant
    : intLiteral
    | STRING
    ;

intLiteral
    : MINUS? INT
    ;

identifier
    : IDENT
    | PACKAGE | OPTION | IMPORT | MESSAGE | ENUM | ERROR | SERVICE | RPC
    | RETURNS | STREAM | THROWS | RESERVED | TO | MAX | OPTIONAL | LIST | MAP
    ;

PACKAGE  : 'package';
OPTION   : 'option';
IMPORT   : 'import';
MESSAGE  : 'message';
ENUM     : 'enum';
ERROR    : 'error';
SERVICE  : 'service';
RPC      : 'rpc';
RETURNS  : 'returns';
STREAM   : 'stream';
THROWS   : 'throws';
RESERVED : 'reserved';
TO       : 'to';
MAX      : 'max';
OPTIONAL : 'optional';
LIST     : 'list';
MAP      : 'map';

SEMI   : ';';
DOT    : '.';
COMMA  : ',';
EQ     : '=';
LBRACE : '{';
RBRACE : '}';
LPAREN : '(';
RPAREN : ')';
LT     : '<';
GT     : '>';
AT     : '@';
MINUS  : '-';

INT    : [0-9]+;
IDENT  : [A-Za-z] [A-Za-z0-9_]*;
// No escapes: string literals hold paths, package names and field names.
STRING : '"' ~["\\\r\n]* '"';

// Comments are hidden tokens, kept for the formatter and lint's ignore comments;
// the element builder attaches `///` lines to the declaration that follows.
// `////` and longer is an ordinary comment.
DOC_COMMENT   : '///' (~[/\r\n] ~[\r\n]*)? -> channel(HIDDEN);
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
WS            : [ \t\r\n\f]+ -> skip;
