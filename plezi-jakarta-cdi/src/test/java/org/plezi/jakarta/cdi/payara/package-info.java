/**
 * The application the Payara Micro test packs into a WAR (with WEB-INF/beans.xml in annotated
 * mode): nothing here depends on test libraries, since only this package and Plezi's jars go into
 * the archive.
 */
package org.plezi.jakarta.cdi.payara;
