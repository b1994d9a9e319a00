/**
 * The security headers of every answer (@fastify/helmet). The built app loads only its own
 * scripts and styles from `/assets`, so the Content-Security-Policy allows nothing else: no inline
 * script, no eval, no other origin. ECharts draws on canvas and sets styles through the CSSOM,
 * which `style-src 'self'` allows.
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';

export const securityHeaders: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // Served over plain HTTP on an office network as well, so no upgrade-insecure-requests; HSTS
  // (helmet's default) only takes effect when a TLS proxy serves the app.
  frameguard: { action: 'deny' },
  // `same-origin` rather than `no-referrer`: with `no-referrer` a browser sends `Origin: null`
  // on the app's own POSTs, which the cross-site check would have to trust.
  referrerPolicy: { policy: 'same-origin' },
  crossOriginEmbedderPolicy: false,
};
