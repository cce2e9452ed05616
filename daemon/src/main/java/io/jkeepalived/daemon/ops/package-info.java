/**
 * keepalived's operator switches that change what the daemon does around its subsystems rather than inside them:
 * {@code -V/-X/-I} (what a stop releases), {@code -a} (address monitoring), {@code -e} (all configuration files
 * required), {@code -u} (file creation mask).
 */
package io.jkeepalived.daemon.ops;
