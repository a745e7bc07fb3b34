-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: nukeviet
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
DROP TABLE IF EXISTS `nv4_vi_news_cat`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_cat` (
  `catid` smallint unsigned NOT NULL AUTO_INCREMENT,
  `parentid` smallint unsigned NOT NULL DEFAULT '0',
  `title` varchar(250) COLLATE utf8mb4_unicode_ci NOT NULL,
  `alias` varchar(250) COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT '',
  PRIMARY KEY (`catid`),
  UNIQUE KEY `alias` (`alias`),
  KEY `parentid` (`parentid`)
) ENGINE=MyISAM AUTO_INCREMENT=4 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
LOCK TABLES `nv4_vi_news_cat` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_cat` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_cat` VALUES (1,0,'Tin tức','tin-tuc'),(2,1,'Hoạt động của xã','hoat-dong-cua-xa'),(3,0,'Thông báo \'mới\'','thong-bao');
/*!40000 ALTER TABLE `nv4_vi_news_cat` ENABLE KEYS */;
UNLOCK TABLES;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
-- Dump completed on 2024-05-01 10:00:00
