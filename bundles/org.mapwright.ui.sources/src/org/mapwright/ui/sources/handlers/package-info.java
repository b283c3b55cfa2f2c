/** Command handlers of the model fragment: they open the add-source wizards. */
package org.mapwright.ui.sources.handlers;
