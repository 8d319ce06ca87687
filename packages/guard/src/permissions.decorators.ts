import { applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { API_KEY_SCHEME, ApiErrors, BEARER_SCHEME } from './error-envelope.docs';
import { Permission } from './permission';

export const PermissionsMetadata = Reflector.createDecorator<Permission[]>();
export const ScopesMetadata = Reflector.createDecorator<string[]>();
export const PublicMetadata = Reflector.createDecorator<boolean>();

const keyRequired = () =>
  applyDecorators(
    ApiBearerAuth(BEARER_SCHEME),
    ApiSecurity(API_KEY_SCHEME),
    ApiErrors(401, 403, 429, 503),
  );

/**
 * The management-API permissions a route needs, all of them; otherwise 403
 * `forbidden`. Also documents the route's security in OpenAPI, so the docs
 * cannot disagree with the guard.
 */
export const RequirePermissions = (...permissions: Permission[]) =>
  applyDecorators(
    PermissionsMetadata(permissions),
    keyRequired(),
    ApiExtension('x-required-permissions', permissions),
  );

/** The resource scopes a route needs, all of them; otherwise 403 `insufficient_scope`. */
export const RequireScopes = (...scopes: string[]) =>
  applyDecorators(ScopesMetadata(scopes), keyRequired(), ApiExtension('x-required-scopes', scopes));

/** Any valid key may call the route (no permission or scope needed). */
export const RequireKey = () => applyDecorators(PermissionsMetadata([]), keyRequired());

/**
 * No key needed. Every route must carry one of these four decisions. In
 * OpenAPI an empty security requirement: anonymous calls are allowed.
 */
export const Public = () => applyDecorators(PublicMetadata(true), ApiSecurity({}));
