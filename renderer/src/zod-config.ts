// zod 4 compiles object parsers with `new Function` when it may. The console's CSP forbids eval
// (script-src 'self'), and zod's probe for it is itself reported as a CSP violation, so the
// renderer tells zod up front to use its interpreter. Imported first by main.tsx.
import { z } from 'zod';

z.config({ jitless: true });
