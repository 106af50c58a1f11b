import pkg from 'node-sql-parser/build/postgresql.js';
const { Parser } = pkg;
const p = new Parser();
const opt = { database: 'postgresql' };
const qs = process.argv.slice(2);
for (const q of qs) {
  try {
    const ast = p.astify(q, opt);
    if (process.env.AST) console.log(JSON.stringify(ast, (k,v)=>v, process.env.AST==='1'?0:1));
    console.log('OK  ', q, '\n =>  ', p.sqlify(ast, opt));
  } catch (e) { console.log('ERR ', q, '\n =>  ', String(e.message).slice(0, 300)); }
}
