/** Implementation of schema drift: name similarity, reference scanning and re-binding. */
package org.mapwright.internal.drift;
