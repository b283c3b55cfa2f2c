/**
 * Internals of the monitoring views: background loading, history store choice and loading other
 * project versions. Not API.
 */
package org.mapwright.internal.ui.monitor;
