import { configNamespace } from '../config/namespace';

/** The resource scopes keys may be granted (SCOPES). */
export const scopesConfig = configNamespace('scopes', (env) => ({ catalogue: env.SCOPES }));
